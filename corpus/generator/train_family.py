"""Train family: the phrasings the ML tagger learns from.

Written independently of ``heldout_family``: different sentence frames,
different vocabulary (agencies, channels, topics), so a score on the held-out
split measures generalisation, not recall of templates.
"""
from corpus.generator.render import Family

CLAIM_SENTENCES = {
    "proactive_total": [
        "[全年|本年度|{d:year}]，我{v:agency}[共|累计|合计|]主动公开政府信息{c:proactive.total}。",
        "{v:agency}通过{v:channel}主动公开各类信息{c:proactive.total}，其中{v:topic}{c:proactive.part}，{v:topic}{c:proactive.part}。",
        "[全年|一年来]共发布政务信息{c:proactive.total}，[其中|包括]通过{v:channel}发布{c:proactive.part}、通过{v:channel}发布{c:proactive.part}。",
        "主动公开方面，{v:agency}在{v:channel}累计更新信息{c:proactive.total}，{d:yoy}。",
        "本年度主动公开[的|]政府信息[总数|总量]为{c:proactive.total}，[其中|]{v:topic}占{c:proactive.part}。",
        "{c:proactive.total}政府信息[已|均]通过{v:channel}主动向社会公开。",
    ],
    "proactive_parts": [
        "在{v:channel}[发布|公开]{v:topic}{c:proactive.part}、{v:topic}{c:proactive.part}、{v:topic}{c:proactive.part}。",
        "其中，{v:topic}信息{c:proactive.part}，{v:topic}信息{c:proactive.part}。",
    ],
    "normative": [
        "[全年|本年度]制发行政规范性文件{c:proactive.normative_docs_issued}，废止{c:proactive.normative_docs_repealed}，现行有效{c:proactive.normative_docs_in_force}。",
        "行政规范性文件方面，本年新制发{c:proactive.normative_docs_issued}，截至年底现行有效的规范性文件共{c:proactive.normative_docs_in_force}。",
        "清理规范性文件后，废止{c:proactive.normative_docs_repealed}规范性文件，现行有效{c:proactive.normative_docs_in_force}。",
        "{v:agency}印发规范性文件{c:proactive.normative_docs_issued}，均按规定在{v:channel}公开并同步解读。",
    ],
    "regulations": [
        "[本年|全年]制定规章{c:proactive.regulations_issued}，废止规章{c:proactive.regulations_repealed}，现行有效规章{c:proactive.regulations_in_force}。",
        "现行有效规章{c:proactive.regulations_in_force}，本年度新制定{c:proactive.regulations_issued}。",
    ],
    "licensing": [
        "[全年|本年度]办理行政许可[事项|]{c:proactive.licensing}，作出行政处罚决定{c:proactive.penalty}，行政强制{c:proactive.coercion}。",
        "公开行政许可决定{c:proactive.licensing}、行政处罚决定{c:proactive.penalty}。",
        "[全年|本年]实施行政处罚{c:proactive.penalty}，[采取|实施]行政强制措施{c:proactive.coercion}。",
        "行政许可方面，受理并办结{c:proactive.licensing}，{d:pct}按时办结。",
        "“双公示”平台公示行政许可信息{c:proactive.licensing}，行政处罚信息{c:proactive.penalty}。",
    ],
    "requests": [
        "[全年|本年度|{d:year}]，[我{v:agency}|{v:agency}][共|]收到政府信息公开申请{c:requests.received}，[已全部|均已|全部]按时办结。",
        "[全年|本年]共受理依申请公开{c:requests.received}，其中自然人申请{c:requests.received_natural_person}，法人或其他组织申请{c:requests.received_legal_entity}。",
        "新收政府信息公开申请{c:requests.received}，上年结转{c:requests.carried_over}，{d:yoy}。",
        "本年度受理申请{c:requests.received}，办结{c:requests.handled}，结转下年度继续办理{c:requests.carried_forward}。",
        "已办结的申请中，予以公开{c:requests.granted}，部分公开{c:requests.partially_granted}，不予公开{c:requests.denied}，无法提供{c:requests.unable}，不予处理{c:requests.not_processed}。",
        "{v:agency}代表本级政府受理政府信息公开申请{c:requests.received}，均在{d:duration}内答复。",
        "[共|累计]答复政府信息公开申请{c:requests.handled}，按期答复率{d:pct}。",
        "{c:requests.received}政府信息公开申请[均|已]依法[办理|处理]完毕。",
        "从申请主体看，自然人提出{c:requests.received_natural_person}，企业等法人单位提出{c:requests.received_legal_entity}。",
        "上年度结转的{c:requests.carried_over}申请已于{d:date}前办结。",
    ],
    "requests_negative": [
        "[本年度|全年|{d:year}]，{v:agency}{n:requests.received:未收到政府信息公开申请}。",
        "{n:requests.received:未收到依申请公开事项}，{n:requests.carried_over:无上年结转申请}。",
        "[本年|全年]{n:requests.received:没有收到政府信息公开申请}，亦无结转事项。",
    ],
    "review": [
        "[全年|本年度]发生政府信息公开行政复议{c:review.total}，其中被纠错{c:review.corrected}。",
        "因政府信息公开引起的行政复议案件{c:review.total}，行政诉讼案件{c:litigation.total}。",
        "{v:agency}[全年|本年]被申请行政复议{c:review.total}，[均|已]维持原行政行为。",
        "涉及政府信息公开的行政诉讼{c:litigation.total}，被纠错{c:litigation.corrected}。",
    ],
    "review_negative": [
        "[本年度|全年]{n:review.total+litigation.total:未发生政府信息公开行政复议、行政诉讼案件}。",
        "[全年|本年]{n:review.total:无行政复议案件}，{n:litigation.total:无行政诉讼案件}。",
        "{v:agency}{n:review.total:未发生因政府信息公开引起的行政复议}。",
        "{n:litigation.total:没有发生行政诉讼}情况。",
    ],
    "fees": [
        "[本年度|全年]收取信息处理费{c:fees.info_processing:元}。",
        "[本年度|全年]{n:fees.info_processing:未收取信息处理费}。",
        "依申请公开{n:fees.info_processing:不收取任何费用}。",
    ],
    "other": [
        "[召开|举办]新闻发布会{o:场}，发布政策解读{o:篇}。",
        "组织政务公开业务培训{o:次}，参训人员{o:人次}。",
        "办理“12345”热线工单{o:件}，网站留言{o:条}，均于{d:duration}内回复。",
        "政务新媒体关注人数达{o:人}，全年推送{o:期}。",
    ],
    "distractors": [
        "依据《条例》{d:article}规定，[印发|制定]了《政务公开工作要点》（{d:docno}）。",
        "咨询电话{d:phone}，工作时间内专人接听。",
        "{d:date}，{v:agency}召开政务公开工作推进会，落实{d:ordinal}制度。",
        "政务公开考评得分较上年提升，{d:yoy}，按时办结率{d:pct}。",
    ],
}

FILLER = [
    "{v:agency}高度重视政务公开工作，[成立|调整]了政务公开工作领导小组。",
    "严格落实信息发布审核制度，确保公开信息准确、及时、规范。",
    "持续加强政府网站和政务新媒体管理，不断提升信息公开质量。",
    "[坚持|始终坚持]以公开为常态、不公开为例外的原则。",
    "按照{d:article}要求，及时更新政府信息公开指南和目录。",
]

VOCABULARY = {
    "agency": ["乡", "镇", "局", "区政府办", "县人民政府办公室", "街道办事处", "市场监管局", "卫健委"],
    "channel": ["政府门户网站", "政务微信公众号", "政务微博", "信息公开专栏", "公开栏", "政务服务中心显示屏"],
    "topic": ["政策文件", "工作动态", "人事信息", "财政预决算", "通知公告", "重大项目", "民生实事"],
}

UNITS = {
    "*": ["件", "条"],
    "proactive.total": ["条", "条", "件", "篇", "项"],
    "proactive.part": ["条", "篇", "件"],
    "proactive.licensing": ["件", "项", "宗"],
    "proactive.penalty": ["件", "起", "宗"],
    "proactive.coercion": ["件", "起", "次"],
    "review.total": ["件", "起", "宗"],
    "litigation.total": ["件", "起", "宗"],
    "review.corrected": ["件", "起"],
    "litigation.corrected": ["件", "起"],
    "requests.received": ["件", "件", "条", "项"],
}

FAMILY = Family("train", CLAIM_SENTENCES, FILLER, VOCABULARY, UNITS,
                headings=["一、总体情况", "（二）依申请公开", "1.主动公开"])
