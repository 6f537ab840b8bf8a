"""Short names for the metric ids (DESIGN.md §3), so the hand labels stay readable."""
PT, PP = "proactive.total", "proactive.part"
NDI, NDR, NDF = ("proactive.normative_docs_issued", "proactive.normative_docs_repealed",
                 "proactive.normative_docs_in_force")
RGI, RGR, RGF = "proactive.regulations_issued", "proactive.regulations_repealed", "proactive.regulations_in_force"
LIC, PEN, COE = "proactive.licensing", "proactive.penalty", "proactive.coercion"
RR, RNP, RLE = "requests.received", "requests.received_natural_person", "requests.received_legal_entity"
RCO, RH, RCF = "requests.carried_over", "requests.handled", "requests.carried_forward"
RG, RPG, RD = "requests.granted", "requests.partially_granted", "requests.denied"
RU, RNO = "requests.unable", "requests.not_processed"
VT, VC = "review.total", "review.corrected"
LT, LC = "litigation.total", "litigation.corrected"
FEE = "fees.info_processing"
OT = "other"
