"""Held-out family: phrasings no tagger is trained or tuned on; evaluation only.

Its sentence frames, verbs and vocabulary differ from ``train_family`` (对外发布,
出台, 接到, 同意公开, 转入下年度 …), the way another agency's writer would put
the same facts.
"""
from corpus.generator.render import Family

CLAIM_SENTENCES = {
    "proactive_total": [
        "{d:year}全年，{v:agency}对外发布[政务|政府]信息{c:proactive.total}。",
        "通过多种渠道公开政务信息[合计|总计|共计]{c:proactive.total}；其中{v:channel}公开{c:proactive.part}，{v:channel}推送{c:proactive.part}。",
        "主动公开[信息|政府信息]数量达到{c:proactive.total}，{d:yoy}。",
        "各平台合计推送政府信息{c:proactive.total}（含{v:subject}{c:proactive.part}）。",
        "截至{d:date}，{v:channel}已累计公开信息{c:proactive.total}。",
    ],
    "normative": [
        "{v:agency}出台行政规范性文件{c:proactive.normative_docs_issued}，宣布失效{c:proactive.normative_docs_repealed}。",
        "目前有效的行政规范性文件为{c:proactive.normative_docs_in_force}。",
        "经清理，继续有效的规范性文件{c:proactive.normative_docs_in_force}，本年度新出台{c:proactive.normative_docs_issued}。",
        "现行有效的规章{c:proactive.regulations_in_force}，本年未新制定规章。",
    ],
    "licensing": [
        "对外公开行政许可[结果|信息]{c:proactive.licensing}，行政处罚[结果|信息]{c:proactive.penalty}。",
        "全年共作出行政许可决定{c:proactive.licensing}。",
        "查处违法案件并作出行政处罚{c:proactive.penalty}，依法采取行政强制措施{c:proactive.coercion}。",
    ],
    "requests": [
        "{d:year}，{v:agency}接到[群众|申请人]提出的政府信息公开申请{c:requests.received}。",
        "依申请公开办理事项{c:requests.received}，全部在法定期限内答复。",
        "[新收到|收到]信息公开申请{c:requests.received}，[其中|包括]自然人{c:requests.received_natural_person}、法人单位{c:requests.received_legal_entity}。",
        "上一年度结转{c:requests.carried_over}，本年办理完结{c:requests.handled}。",
        "答复结果为：同意公开{c:requests.granted}，部分予以公开{c:requests.partially_granted}，决定不予公开{c:requests.denied}。",
        "告知申请人无法提供{c:requests.unable}，不予处理的{c:requests.not_processed}，转入下年度办理{c:requests.carried_forward}。",
        "在{d:duration}内答复信息公开申请{c:requests.handled}，{d:yoy}。",
    ],
    "requests_negative": [
        "[今年|本年度]{v:agency}{n:requests.received:暂未收到信息公开申请}。",
        "{n:requests.received:未收到群众提出的政府信息公开申请}，{n:requests.carried_over:不存在上年结转申请}。",
    ],
    "review": [
        "[全年|今年]被提起政府信息公开行政复议{c:review.total}，行政复议被纠正{c:review.corrected}。",
        "因信息公开被起诉{c:litigation.total}，法院判决纠错{c:litigation.corrected}。",
        "涉及信息公开的复议案件{c:review.total}、诉讼案件{c:litigation.total}。",
    ],
    "review_negative": [
        "{n:review.total+litigation.total:未发生涉及政府信息公开的复议和诉讼}。",
        "[全年|今年]{n:review.total:未被申请行政复议}，{n:litigation.total:未被提起行政诉讼}。",
    ],
    "fees": [
        "全年收取信息处理费共计{c:fees.info_processing:元}。",
        "{n:fees.info_processing:未向申请人收取信息处理费}。",
    ],
    "other": [
        "开展政策解读{o:次}，回应社会关切{o:条}。",
        "组织业务学习{o:场}，覆盖干部职工{o:人次}。",
        "受理群众来电来信{o:件}。",
    ],
    "distractors": [
        "根据{d:docno}文件精神，对照《条例》{d:article}逐项落实。",
        "监督电话：{d:phone}。",
        "{d:date}前完成年报编制，落实{d:ordinal}要求，公开率{d:pct}。",
    ],
}

FILLER = [
    "围绕中心工作，扎实推进决策、执行、管理、服务、结果公开。",
    "{v:agency}把政务公开纳入年度目标考核，压实工作责任。",
    "进一步优化{v:channel}栏目设置，方便群众查阅。",
    "常态化开展政府信息公开自查，及时整改发现的问题。",
]

VOCABULARY = {
    "agency": ["街道", "管委会", "自然资源局", "交通运输局", "本机关", "区人民政府", "教育局"],
    "channel": ["门户网站信息公开平台", "抖音号", "今日头条号", "村务公开栏", "政务服务网", "融媒体中心"],
    "subject": ["规划计划", "统计数据", "应急管理信息", "招投标信息", "乡村振兴"],
}

UNITS = {
    "*": ["件", "条", "项"],
    "proactive.total": ["条", "篇", "件"],
    "proactive.part": ["条", "篇"],
    "proactive.licensing": ["件", "项"],
    "proactive.penalty": ["起", "宗", "件"],
    "proactive.coercion": ["起", "件"],
    "review.total": ["起", "件", "宗"],
    "litigation.total": ["起", "件"],
}

FAMILY = Family("heldout", CLAIM_SENTENCES, FILLER, VOCABULARY, UNITS,
                headings=["一、总体情况", "（二）依申请公开"])
