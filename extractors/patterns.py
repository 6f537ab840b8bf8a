"""Claim patterns as data: units, what a number is not, and what each metric sounds like.

The scanner (``candidates``) and the rule tagger (``rule_tagger``) read only
these tables, so a new phrasing is a data change.  Patterns are written for the
language of the reports (count before or after the noun, 共/累计/合计, 件/条/宗/起,
traditional characters folded first), not for a handful of files.
"""
from __future__ import annotations

import re

# --------------------------------------------------------------------------
# Folding: traditional → simplified, one character to one character, so offsets hold.

_TRADITIONAL = (
    "申請處費條開資訊務發佈級號網單個點關數萬億兩餘約訴訟議複結轉辦應無與會場項屆體規範檔決許罰強製廢現經實際錄專"
    "頁廣電話熱線導傳統計總門戶類業動態區縣鄉鎮機構據況報告讀說問題進過還這為們來時間書見紀質詢諮訪覆義認識證後從"
    "長國圖節圍執帳並彙組織稱產標準審圓績較過訂閱覽瀏聽課練訓響應檢舉處決勵際歸納雜誌紙檔夠權責們層級員際麼門"
    "協辦調訊歷屆續維護權益衛營運務繫係準備憑據領導幹聯絡營數據庫庫築齊齡雙邊觀視頻藝術環境災難醫療險寫讓談")
_SIMPLIFIED = (
    "申请处费条开资讯务发布级号网单个点关数万亿两余约诉讼议复结转办应无与会场项届体规范档决许罚强制废现经实际录专"
    "页广电话热线导传统计总门户类业动态区县乡镇机构据况报告读说问题进过还这为们来时间书见纪质询咨访复义认识证后从"
    "长国图节围执帐并汇组织称产标准审圆绩较过订阅览浏听课练训响应检举处决励际归纳杂志纸档够权责们层级员际么门"
    "协办调讯历届续维护权益卫营运务系系准备凭据领导干联络营数据库库筑齐龄双边观视频艺术环境灾难医疗险写让谈")
_TRADITIONAL += "糾錯達眾饋歲論壇給氣勞動親聞陽陰則貼財稅華夢熱處風飛車軍農龍馬魚鳥麥黃齊東樂來們個倉價儀優兒內寫劃創劇務勢勝區協卻參只員問啟喪單嚴園圖團場壓壞壯夥奪奮婦媽孫學寧寶對導屬島崗幣帶幫廳張彈彙徵態慮戰擔擁擇據擴攝數斷時曉會機權條楊業極構樣標歡殘毀決沒況減測溝滅滿漢濟災為無燈爭牆獨獲環產畫當療發盡監確禮種穩競筆節範簡糧紀約級納組經結統絡絕網維綜線編縣總績織繳繼續聯職聽腦與舉舊藝藥處號衛補裝製複見規視覽觀計訂訊討訓託記設訪評試詢該詳誌認語說課調談請論諮證識議護讀變讓貨質購費資賦質趕車軟載輔輸轄轉辦農這進遠違選遺鄉鄰醫釋鐘鎮長開門閱關陸險隊際隨隱雜雙離電靈響頁項順預領頻題額顧顯類飯館驗體點齡週佈屆廢現罰強許戶訴訟申餘萬兩億義準審稱紙"
_SIMPLIFIED += "纠错达众馈岁论坛给气劳动亲闻阳阴则贴财税华梦热处风飞车军农龙马鱼鸟麦黄齐东乐来们个仓价仪优儿内写划创剧务势胜区协却参只员问启丧单严园图团场压坏壮伙夺奋妇妈孙学宁宝对导属岛岗币带帮厅张弹汇征态虑战担拥择据扩摄数断时晓会机权条杨业极构样标欢残毁决没况减测沟灭满汉济灾为无灯争墙独获环产画当疗发尽监确礼种稳竞笔节范简粮纪约级纳组经结统络绝网维综线编县总绩织缴继续联职听脑与举旧艺药处号卫补装制复见规视览观计订讯讨训托记设访评试询该详志认语说课调谈请论咨证识议护读变让货质购费资赋质赶车软载辅输辖转办农这进远违选遗乡邻医释钟镇长开门阅关陆险队际随隐杂双离电灵响页项顺预领频题额顾显类饭馆验体点龄周布届废现罚强许户诉讼申余万两亿义准审称纸"
_TRADITIONAL += "復敗裁撤駁欄"
_SIMPLIFIED += "复败裁撤驳栏"
assert len(_TRADITIONAL) == len(_SIMPLIFIED)
_ALSO_SIMPLIFIED = "覆"  # 答覆 is traditional, but 覆盖 is simplified: leave it
TRADITIONAL_TO_SIMPLIFIED = {ord(t): ord(s) for t, s in zip(_TRADITIONAL, _SIMPLIFIED)
                             if t != s and t not in _ALSO_SIMPLIFIED}

# --------------------------------------------------------------------------
# Units of counts and amounts, longest first (人次 before 次, 万元 before 元).

UNITS = ("万人次", "人次", "件次", "条次", "场次", "万元", "亿元", "元", "条", "件", "次", "场", "篇",
         "起", "宗", "项", "个", "期", "人", "家", "份", "封", "批", "名", "户", "部", "套", "处", "类",
         "则", "位", "所", "万")
UNIT_RE = re.compile("|".join(sorted(UNITS, key=len, reverse=True)))
# Bound markers that follow the unit: 300条以上, 50人左右.
UNIT_SUFFIX_RE = re.compile(r"以上|左右|之多|有余")

# --------------------------------------------------------------------------
# What a number is not (reason → pattern).  ``after``/``before`` are matched
# against the text right after the number (unit included) and right before it.

NOT_A_CLAIM_AFTER = (
    ("date", re.compile(r"^(?:年|月|日(?!常)|号(?![文令]))")),
    ("pages", re.compile(r"^页(?:以下|以上|及以下|及以上|至|—|-|－|（)")),
    # 一个自然月内累计申请10件以下（含10件）: a threshold of a fee rule
    ("threshold", re.compile(r"^[件条页份次]?(?:以下|以上)[（(]含")),
    ("time", re.compile(r"^(?:个?小时|分钟|个?工作日|天|周(?!年)|个月|秒|时)")),
    ("percent", re.compile(r"^(?:%|％|‰|个?百分点|成)")),
    ("list_marker", re.compile(r"^(?:是|[、.．](?![0-9])|[）)](?!\S*?[条件次]))")),
    ("name", re.compile(r"^(?:热线|便民|服务热线|平台|政务服务|号码|G\b|版)")),
    ("ordinal", re.compile(r"^(?:名(?:次)?(?=以内|之列)|位(?=次))")),
)
NOT_A_CLAIM_BEFORE = (
    ("ordinal", re.compile(r"(?:第|No\.?|NO\.?|№)$")),
    ("doc_number", re.compile(r"(?:[〔\[［【（(][0-9０-９]{4}[〕\]］】）)]|[〔\[［【])$")),
    ("phone", re.compile(r"(?:电话|热线|传真|手机|联系方式|号码)[：:为是]?\s*$")),
    # 比2022年的412条, 较上年的89件: the earlier year's figure, not this year's claim.
    ("prior_year", re.compile(r"(?:比|较|同比|相比|对比|高于|低于|少于|多于)(?:上一?年度?|去年|前一年|(?:19|20)\d{2}\s*年度?)"
                              r"(?:同期)?的?$")),
    ("postcode", re.compile(r"(?:邮编|邮政编码)[：:为是]?\s*$")),
    ("percent", re.compile(r"(?:百分之|比例为?|占比为?|率为?|率达|率)$")),
    # 明年争取增配1名专职人员, 下一步计划开展3次培训: a plan, not what happened (规划计划类 is a category).
    ("plan", re.compile(r"(?:明年|下一步|(?<!规划)计划(?!类|信息)|拟|争取|力争|预计)[^，。；]{0,14}$")),
    # 对2019年以来印发的47件规范性文件开展清理, 2024年前完成…: other years' documents, or a deadline.
    ("earlier_period", re.compile(r"(?:19|20)\d{2}\s*年(?:底|末)?(?:以来|以前|之前|前)[^，。；]{0,12}$")),
    # 每页收费10元, 30页以下: a fee standard, not a fee charged.
    ("unit_price", re.compile(r"每(?:页|件|份|张)[^，。；]{0,8}$")),
    # 每季度开展一次自查: how often, not how many.
    ("frequency", re.compile(r"每(?:年|半年|个?季度?|个?月|周|天|日)[^，。；]{0,10}$")),
)
# A number inside 《…》 or “…” is part of a title or a name.
TITLE_RE = re.compile(r"《[^《》]*$|“[^“”]{0,6}$")
# 比上年增加1件, 同比增长5%, 较去年减少3条: a change, not the count itself.
COMPARISON_RE = re.compile(r"(?:比|较|同比|环比|相比)[^，。；,;]{0,12}?(?:增加|减少|增长|下降|上升|提高|降低|多|少|增|减)了?$")
# Words right before a unitless Arabic number that make it a count (申请数量为2).
ASSIGNMENT_RE = re.compile(r"(?:为|达|达到|到|计|共|合计|总计|累计|：|:)$")
# …or a short label, the value and a separator (新收 31，上年结转 0；复议 0，诉讼 0。), spaces closed up.
# Not a table row: no tabs, and the value is followed by punctuation, not by the next cell.
LABEL_VALUE_BEFORE_RE = re.compile(r"(?:^|[，,；;：:。、])[^，,；;：:。、\d\t]{1,10}[\u4e00-\u9fff][ \u3000]*$")
LABEL_VALUE_AFTER_RE = re.compile(r"^[ \u3000]*[，,；;。、]")

# --------------------------------------------------------------------------
# Metrics.  Each rule: (name, metric, regex over the clause before the number,
# units it accepts[, regex the sentence before the number must contain[, "sentence": the whole sentence
# instead]]).  Within a clause the first rule that matches wins, so
# specific rules come before general ones (法人申请 before 收到申请, 规范性文件
# before 发布信息).  ``None`` in units means "no unit written".

_COUNT = ("件", "条", "起", "宗", "个", "项", "次", "件次", "例", "份", None)
COUNT_UNITS = _COUNT  # units of a count of cases or requests (None: no unit written)
_DOCS = ("条", "篇", "件", "个", "项", "期", "则", "份", "部", "万", None)
_MONEY = ("元", "万元", None)
_NORMATIVE = r"(?:行政)?规范性文件"
_REGULATION = r"(?:政府)?规章(?!制度)"
_ISSUE = r"(?:制发|印发|出台|制定|新制定|新制作|发布|公布|新增|起草|发文)"
# 发布局令1件: a department's rules are promulgated as orders
_REGULATION_ORDER = r"(?:发布|公布|签发)[^，。；]{0,4}?(?:局|部|署|委|总局|省政府|市政府|政府)令"
_REPEAL = r"(?:废止|宣布失效|清理废止|失效)"
_IN_FORCE = r"(?:现行有效|有效)"
_REQUEST_CONTEXT = r"申请"
_ZERO = r"为(?:零|\s*0(?![0-9.]))"  # 为零, 为0, 为 0
# The topic a sentence is on when a number is reached: the later of 复议 and 诉讼 mentioned before it.
_LITIGATION_TOPIC = r"(?:诉讼|起诉|法院|判决)(?!.*复议)"
_REVIEW_TOPIC = r"复议(?!.*(?:诉讼|起诉|法院|判决))"
# 未经复议直接起诉, 经复议后起诉: how a lawsuit came, not a review.
_REVIEW = r"(?<!未经)(?<!未经过)(?:行政)?复议(?!后起诉|后提起|后向法院)"
_UPHELD = r"维持|胜诉"
_OTHER_OUTCOME = r"其他结果|其他方式结案|终止"
_PENDING = r"(?:尚未|未)审结(?![^，。；]*审结)|(?:尚在|正在|仍在)?审理(?:中|阶段)|尚在审理|正在审理|尚未(?:判决|裁判|作出)"

METRIC_RULES = (
    ("fees", "fees.info_processing", r"(?:信息)?(?:公开)?处理费|收费|(?<!罚)收取(?![^，。；]*罚)\s*$", _MONEY),
    ("fees_amount", "fees.info_processing", r"金额\s*$", _MONEY, r"处理费"),
    # 行政复议、行政诉讼案件共5件: both together are no cell of table 4.
    ("review_and_litigation", "other", r"复议[、和及与](?:行政)?诉讼(?:案件)?(?:数量?)?(?:共|合计|总计|共计)?\s*$", _COUNT),
    ("litigation_corrected", "litigation.corrected",
     r"纠错|纠正|撤销|确认[^，。；]{0,8}?违法|败诉|责令[^，。；]{0,4}?(?:重新|履行|改正)|判决[^，。；]{0,8}?重新(?:作出|答复)",
     _COUNT,
     r"(?:诉讼|起诉|法院|判决)(?!.*复议)"),
    ("review_corrected", "review.corrected", r"纠错|纠正|撤销|确认[^，。；]{0,8}?违法|责令[^，。；]{0,4}?(?:重新|履行|改正)",
     _COUNT, r"复议"),
    # Table 4's other outcomes: 结果维持 (复议维持, 驳回诉讼请求), 其他结果 (终止, 撤诉), 尚未审结.
    ("litigation_upheld", "litigation.upheld", _UPHELD + r"|驳回(?:起诉|诉讼请求|原告)", _COUNT, _LITIGATION_TOPIC),
    ("litigation_other", "litigation.other", _OTHER_OUTCOME + r"|撤诉|撤回起诉", _COUNT, _LITIGATION_TOPIC),
    ("litigation_pending", "litigation.pending", _PENDING, _COUNT, _LITIGATION_TOPIC),
    ("review_upheld", "review.upheld", _UPHELD, _COUNT, _REVIEW_TOPIC),
    ("review_other", "review.other", _OTHER_OUTCOME + r"|撤回(?:复议)?申请|驳回", _COUNT, _REVIEW_TOPIC),
    ("review_pending", "review.pending", _PENDING, _COUNT, _REVIEW_TOPIC),
    ("review", "review.total", _REVIEW, _COUNT),
    ("litigation", "litigation.total", r"行政诉讼|诉讼|起诉|应诉|被诉", _COUNT),
    ("natural_person", "requests.received_natural_person", r"自然人|公民个人|个人申请|个人提出|群众个人", _COUNT,
     _REQUEST_CONTEXT),
    ("legal_entity", "requests.received_legal_entity",
     # not 公民、法人和其他组织, the phrase for every applicant
     r"(?<!公民、)(?<!公民和)(?<!公民，)法人|(?<!法人和)(?<!法人或)(?<!法人或者)(?<!法人及)其他组织|商业企业|科研机构|"
     r"社会公益组织|社会组织|法律服务机构|律师事务所|行业协会|(?<!群众和)(?<!群众、)(?<!个人和)(?<!个人、)企业", _COUNT,
     _REQUEST_CONTEXT),
    # 商业企业5件、科研机构1件、其他1件: the 其他 of table 3's 法人或其他组织 columns
    ("legal_entity_other", "requests.received_legal_entity", r"(?:^|[、，])\s*其他\s*$", _COUNT,
     r"商业企业|科研机构|社会公益组织|法律服务机构"),
    ("carried_forward", "requests.carried_forward",
     r"结转(?:至|到|入)?下一?年|结转(?:至|到|入)(?:19|20)\d{2}|(?:转入|顺延|延至)(?:至|到)?下一?年|下一?年度?继续办理"
     r"|继续办理|尚未办结|正在办理|尚在办理|尚未到[^，。；]{0,4}?期限?|^\s*结转\s*$|年末结转|年底结转",
     _COUNT),
    ("carried_over", "requests.carried_over",
     r"上一?年度?结转|(?:19|20)\d{2}年度?结转|结转上一?年|往年结转|上年度?遗留|结转(?=[^，。；至到入下]*申请)|上一?年度?未办结"
     r"|(?:19|20)\d{2}年度?遗留|遗留未办结|转入本年度?|结转(?:至|到)本年度?",
     _COUNT),
    ("extended", "other", r"延期答复|延长答复|延期|当场答复|即时答复|当场办结", _COUNT),
    # How requests arrived (网上申请41件、信函申请16件) is not a row of table 3.
    ("request_channel", "other",
     r"(?:网上|在线|网络|信函|邮寄|当面|现场|传真|电子邮件|电子邮箱|来信|来访)(?:方式)?(?:提交|提出|递交)?的?申请", _COUNT),
    ("request_channel_bare", "other",
     r"(?:网上|在线|网络|信函|邮寄|当面|现场|传真|电子邮件|电子邮箱|来信|来访)(?:方式|形式)?(?:提交|提出|递交|寄送|申请)?\s*$",
     _COUNT, _REQUEST_CONTEXT),
    ("partially_granted", "requests.partially_granted", r"部分(?:予以|同意)?公开|区分处理", _COUNT),
    # 经保密审查后不予公开38条: documents held back from publication, not requests refused; 公文公开属性
    # 认定：主动公开597件、依申请公开403件、不予公开318件
    ("secrecy_review", "other", r"保密审查|审查后", _COUNT),
    ("attribute_counts", "other", r"(?:主动公开|依申请公开|不予公开)\s*$", _COUNT, r"公开属性|属性认定|源头认定|公文",
     "sentence"),
    # 予以公开和部分公开的共57件: table 3 has no such row; read as 予以公开 (the taxonomy's alternative)
    ("granted_with_partial", "requests.granted", r"予以公开[和、及与]部分公开", _COUNT),
    ("denied", "requests.denied", r"不予公开|不同意公开|不予同意公开", _COUNT),
    ("unable", "requests.unable", r"无法提供|不掌握|信息不存在|非本机关", _COUNT),
    ("not_processed", "requests.not_processed", r"不予处理|不予受理", _COUNT),
    # The reasons of table 3's rows, when the narrative names the reason instead of the row.
    ("unable_reason", "requests.unable",
     r"另行制作|没有现成|现成信息|仍不明确|不属于本机关|进行加工|加工[、和]?分析|(?:其他|有关)(?:行政)?机关申请", _COUNT),
    ("not_processed_reason", "requests.not_processed",
     r"重复申请|公开出版物|大量[、和]?反复|重新出具|确认或重新|反复提出|重复提出|信访[、，]?(?:举报|投诉)[、，]?(?:举报|投诉)?类",
     _COUNT),
    # 申请内容主要集中在征地补偿（27件）: what requests were about.
    ("request_topic", "other", r"[（(]\s*$", _COUNT, r"集中在|主要涉及|内容涉及|涉及的?(?:领域|内容|事项)|主要为"),
    ("not_processed_complaint", "requests.not_processed", r"信访|举报|投诉", _COUNT, _REQUEST_CONTEXT),
    ("denied_reason", "requests.denied",
     r"国家秘密|三安全一稳定|危及[^，。；]{0,8}?安全|第三方合法权益|商业秘密|个人隐私|内部事务|过程性信息|行政执法案卷|"
     r"禁止公开|工作秘密|危及[^，。；]{0,8}?稳定|行政查询事项", _COUNT, r"不予公开|不公开", "sentence"),
    ("granted", "requests.granted", r"予以公开|同意公开|全部公开|准予公开", _COUNT),
    # 结果：公开4件; 办结的23件中，公开8件: 公开 alone, among the outcomes of requests.
    ("granted_bare", "requests.granted", r"^\s*(?:其中)?公开\s*$", _COUNT, r"申请|办结|答复|结果"),
    # 依申请公开——收到：6件
    ("received_label", "requests.received", r"(?:依申请公开|申请)[^，。；]{0,8}?(?:收到|受理|新收|接收)\s*$", _COUNT),
    ("received_new", "requests.received", r"(?:本年度?|当年|其中)?新收\s*$", _COUNT, _REQUEST_CONTEXT),
    ("received_matters", "requests.received", r"依申请公开[^，。；]{0,10}事项", _COUNT),
    # 其他处理 by its reasons: 逾期不补正、行政机关不再处理其申请, 撤回申请.
    ("other_processing", "other", r"不再处理|逾期不补正|逾期未补正|视为放弃|撤回(?:了)?申请|申请人(?:主动)?撤回|主动撤回",
     _COUNT),
    # 已办结410件 right after the applications were counted: the verb alone, no object of its own.
    ("handled_bare", "requests.handled",
     r"(?:^|[，,。；\s])在?(?:全年|本年度?|年内)?(?:已|共|全部|均已|累计)?(?:办结|办理完毕|答复)的?\s*$", _COUNT),
    ("handled", "requests.handled",
     r"办结|办理完结|办理完毕|处理完毕|答复|答覆|回复|(?:需|需要|应)(?:办理|处理)|(?:办理|处理)(?=[^，。；]*申请)", _COUNT,
     _REQUEST_CONTEXT + "|结转"),
    ("received", "requests.received",
     rf"(?:收到|受理|新收|接收|接到|收悉|登记)[^，。；]*?(?:{_REQUEST_CONTEXT})", _COUNT),
    ("revised", "other", r"^(?!.*(?:制定|制发|印发|出台|发布|公布)).*(?:修订|修改|修正)", _DOCS),
    ("normative_in_force", "proactive.normative_docs_in_force", rf"{_IN_FORCE}[^，。；]{{0,6}}{_NORMATIVE}|{_NORMATIVE}[^，。；]{{0,6}}{_IN_FORCE}", _DOCS),
    ("normative_repealed", "proactive.normative_docs_repealed", rf"{_REPEAL}[^，。；]{{0,8}}{_NORMATIVE}|{_NORMATIVE}[^，。；]{{0,8}}{_REPEAL}", _DOCS),
    ("normative_issued", "proactive.normative_docs_issued", rf"{_ISSUE}[^，。；]{{0,8}}{_NORMATIVE}|{_NORMATIVE}[^，。；]{{0,8}}{_ISSUE}", _DOCS),
    ("regulation_in_force", "proactive.regulations_in_force", rf"{_IN_FORCE}[^，。；]{{0,6}}{_REGULATION}|{_REGULATION}[^，。；]{{0,6}}{_IN_FORCE}", _DOCS),
    ("regulation_repealed", "proactive.regulations_repealed", rf"{_REPEAL}[^，。；]{{0,8}}{_REGULATION}|{_REGULATION}[^，。；]{{0,8}}{_REPEAL}", _DOCS),
    ("regulation_issued", "proactive.regulations_issued",
     rf"{_ISSUE}[^，。；]{{0,8}}{_REGULATION}|{_REGULATION}[^，。；]{{0,8}}{_ISSUE}|{_REGULATION_ORDER}", _DOCS),
    ("normative_repealed_elliptic", "proactive.normative_docs_repealed", _REPEAL, _DOCS, _NORMATIVE),
    ("normative_issued_elliptic", "proactive.normative_docs_issued", _ISSUE.replace("发布|", ""), _DOCS, _NORMATIVE),
    ("normative_in_force_elliptic", "proactive.normative_docs_in_force", _IN_FORCE, _DOCS, _NORMATIVE),
    # 现行有效的规章共计54件、行政规范性文件共计317件: the list shares the sentence's 现行有效.
    ("normative_in_force_listed", "proactive.normative_docs_in_force", _NORMATIVE, _DOCS, _IN_FORCE),
    ("regulation_in_force_elliptic", "proactive.regulations_in_force", _IN_FORCE, _DOCS, _REGULATION),
    ("regulation_repealed_elliptic", "proactive.regulations_repealed", _REPEAL, _DOCS, _REGULATION),
    ("regulation_issued_elliptic", "proactive.regulations_issued", _ISSUE.replace("发布|", ""), _DOCS, _REGULATION),
    ("regulation_in_force_listed", "proactive.regulations_in_force", _REGULATION, _DOCS, _IN_FORCE),
    ("category_listed", "proactive.part", r"(?<![各分])类\s*[：:]?\s*$|其他各?类信息\s*[：:]?\s*$", _DOCS,
     r"主动公开|公开(?:的)?(?:政府)?信息|信息类别|按类别|按信息类别", "sentence"),
    ("category_list", "proactive.part", r"\S", _DOCS,
     r"按[^，。；]{0,6}?(?:类别|类型|主体|栏目|渠道)[^，。；]{0,4}?(?:分|统计|划分|看)|从[^，。；]{0,6}?(?:类别|类型)(?:上)?看"),
    ("licensing", "proactive.licensing", r"行政许可|许可(?:事项|决定|件)", _COUNT),
    ("penalty", "proactive.penalty", r"行政处罚|处罚(?:决定|案件)", _COUNT),
    ("coercion", "proactive.coercion", r"行政强制|强制(?:措施|执行|拆除)", _COUNT),
)
# Topics of metric ``other``: (topic, regex[, the only units it takes]).  Checked after the metrics above
# and before proactive.total, so 发布政策解读12篇 is a 政策解读 count.
OTHER_TOPICS = (
    ("其他处理", r"其他处理"),
    ("收费通知", r"收费通知|缴费通知"),
    ("罚没款", r"罚没|罚款"),
    ("保密审查", r"保密审查|审查|审核|公开属性|属性认定|源头认定|认定为"),
    ("制度建设", r"(?:制度|机制|办法|目录|指南|审批单|台账|清单)\s*$"),
    ("新闻发布会", r"新闻发布会|发布会|新闻通气会"),
    ("政策解读", r"政策解读|解读(?:材料|文章|稿件)?|图解|解读"),
    ("培训人次", r"参训|参加培训|培训人员|覆盖干部|覆盖[^，。；]{0,6}(?:人员|职工|干部)"),
    ("培训", r"培训|业务学习|专题学习"),
    ("推送期数", r"推送|刊发|编印|出刊|编发|张贴|更新"),
    ("12345热线", r"12345|热线|便民服务电话|来电"),
    ("留言", r"留言|信箱|来信|网民|网友"),
    ("关注数", r"关注(?:数|量|人数|用户)?|粉丝|订阅(?:数|量|用户)?"),
    ("浏览量", r"浏览(?:量|次数)?|访问(?:量|次数)?|点击(?:量|率)?|阅读(?:量)?"),
    ("查询", r"查询|查阅"),
    ("咨询", r"咨询|答疑|解答|答复|回复"),
    ("意见采纳", r"采纳|反馈"),
    ("澄清", r"澄清|辟谣"),
    ("公开栏", r"公开栏|公示栏|宣传栏", ("个", "处", "块", "座")),
    ("人数", r"人员|专职|兼职|申请人|代表|群众|干部|职工|参加|参训", ("名", "人", "位", "人次")),
    ("活动", r"活动|开放日", ("场", "次", "期", "个")),
    ("信息报送", r"报送|被采用|采用|录用"),
    ("回应关切", r"回应|舆情"),
    ("建议提案", r"建议|提案"),
    ("意见征集", r"征集|征求意见|意见建议"),
    ("在线访谈", r"访谈|直播"),
    ("会议", r"会议|例会|常务会"),
    ("政府开放日", r"开放日|开放活动"),
    ("检查", r"检查|督查|考核|评议"),
    # What the agency did this year, counted: 查处违法案件129起, 开设栏目18个, 督促整改5处.
    ("工作量", r"查处|立案|开设|增设|设置|新增|清理|整改|抽查|出席|召开|举办|组织|开展|发出|印发|制作|更新",
     ("次", "场", "个", "份", "处", "起", "期", "名", "批", "家")),
)
# proactive.total: publishing verbs and objects; the last resort before 申请 alone.
PROACTIVE_TOTAL = (
    r"主动公开|(?:发布|公开|推送|更新|刊发|上传|编发|发送)[^，。；]{0,14}?"
    r"(?:信息|内容|文件|动态|稿件|数据|事项|政务)|(?:信息|内容|文件)[^，。；]{0,4}?(?:发布|公开)|发布|公开"
)
# What was published, when it names one category (政策文件, 财政预决算…) rather than all information.
CATEGORY_RE = re.compile(r"政策文件|规范性文件|预决算|财政信息|人事信息|工作动态|动态信息|新闻|简报|公告|通知|公示|招标|采购|"
                         r"规划|计划|项目|惠农|补贴|救助|重点领域|涉企")
# …unless the object is information as a whole: 各类政府信息, 政务信息, 信息总量.
GENERAL_INFO_RE = re.compile(r"(?:政府|政务|各类|各项|全部|相关)信息|信息(?:总|共|合计)|^[^，。；]{0,6}信息\s*$|内容|主动公开各类")
PROACTIVE_UNITS = ("条", "篇", "件", "项", "则", "份", "万", None)
RECEIVED_FALLBACK = rf"(?:{_REQUEST_CONTEXT})(?:事项)?[^，。；]{{0,4}}$"
# 另有1件申请因涉及第三方…，结转至2024年继续办理: a remainder carried into next year.
REMAINDER_CUE = r"(?:另有|尚有|还有|仍有|剩余|余下)$"
CARRIED_LATER = r"^[^。；]{0,30}?(?:结转|顺延|延期|转入|延至)(?:至|到|入)?(?:下一?年|(?:19|20)\d{2}\s*年)"
# Count before the noun: 共收到21件政府信息公开申请.
_OUTCOME_AFTER = r"^[^，。；：:]{0,4}?(?:申请)?(?:被|均|已|依法)?"  # …never across a colon (办结35件：予以公开11件)
_CASES_AFTER = r"^[^，。；]{0,3}?(?:政府信息公开|信息公开)?类?"  # 2件政府信息公开类行政复议案件
_PENDING_STATE = r"尚在审理|正在审理|仍在审理|审理中|尚未审结|未审结"
RIGHT_NOUN_RULES = (
    ("carried_forward_after", "requests.carried_forward",
     r"^[^，。；]{0,8}?(?:结转(?:至|到|入)?下一?年|(?:转入|顺延|延至)(?:至|到)?下一?年|下一?年度?继续办理)"),
    # The reason right after the count: 一件因需要另行制作不予提供, 两件因申请人逾期未补正视为放弃.
    ("unable_reason_after", "requests.unable",
     r"^[^，。；]{0,3}?因?[^，。；]{0,10}?(?:另行制作|不掌握|没有现成|信息不存在|进行加工|仍不明确|没有(?:这个|该|相关)?信息)"),
    ("not_processed_reason_after", "requests.not_processed",
     r"^[^，。；]{0,3}?因?[^，。；]{0,10}?(?:重复申请|信访|举报投诉|公开出版物|大量反复|重新出具)"),
    ("other_processing_after", "other",
     r"^[^，。；]{0,3}?因?[^，。；]{0,10}?(?:逾期未补正|逾期不补正|视为放弃|未按收费通知|撤回了?申请|申请人(?:主动)?撤回)"),
    ("carried_over_after", "requests.carried_over",
     r"^[^，。；]{0,4}?(?:系|为|是|属)(?:上一?年度?|(?:19|20)\d{2}\s*年度?)结转|^[^，。；和及与、]{0,2}?(?:上一?年度?|(?:19|20)\d{2}\s*年度?)结转"
     r"|^[^，。；]{0,4}?结转(?:至|到|入)本年"),
    ("pending_after", "requests.carried_forward",
     r"^[^，。；]{0,4}?(?:尚在|仍在|正在)(?:答复|办理)(?:期|中)|^[^，。；]{0,4}?跨年度?办理|^[^，。；]{0,4}?在(?:答复|办理)期限内"),
    # 有12件申请予以公开，5件部分公开: the outcome right after the count (部分公开 before 公开).
    ("partially_granted_after", "requests.partially_granted", _OUTCOME_AFTER + r"(?:部分公开|作出?区分处理)"),
    ("denied_after", "requests.denied", _OUTCOME_AFTER + r"(?:不予公开|不公开)"),
    ("unable_after", "requests.unable", _OUTCOME_AFTER + r"无法提供"),
    ("not_processed_after", "requests.not_processed", _OUTCOME_AFTER + r"不予处理"),
    ("granted_after", "requests.granted", _OUTCOME_AFTER + r"(?:予以公开|同意公开|全部公开)"),
    ("handled_after", "requests.handled",
     r"^[^，。；]{0,3}?(?:申请)?(?:已|均已|均|全部|已全部)?(?:于年内|在法定期限内|按时|依法)?(?:办结|答复完毕|办理完毕|作出答复|予以答复|答复)"),
    # 73件申请由自然人提出, 其余118件为自然人申请, 12件申请全部来自个人.
    ("natural_person_after", "requests.received_natural_person",
     r"^[^，。；]{0,6}?(?:由|为|来自|系)(?:公民)?(?:自然人|个人|群众)"),
    ("legal_entity_after", "requests.received_legal_entity",
     r"^[^，。；]{0,6}?(?:由|为|来自|系)[^，。；]{0,4}?(?:法人|企业|其他组织|社会组织|法律服务机构|科研机构|社会公益组织|律师事务所)"),
    ("received_after", "requests.received", r"^(?:[^，。；]{0,3}?)(?:政府信息公开|信息公开|依申请公开)?申请(?!人)"),
    # 推送政务信息350余条至市政务公开办: reported up to a superior office, not published.
    ("reported_up", "other", r"^(?:报送|上报)?(?:至|到|给)[^，。；]{0,8}?(?:办|局|委|厅|政府|上级)"),
    # 仍有3件行政复议案件和5件行政诉讼案件尚在审理: each with the state the clause ends in.
    ("review_pending_after", "review.pending", _CASES_AFTER + r"行政复议[^。；]{0,30}?(?:" + _PENDING_STATE + r"|尚未作出)"),
    ("litigation_pending_after", "litigation.pending", _CASES_AFTER + r"行政诉讼[^。；]{0,30}?(?:" + _PENDING_STATE + r"|尚未判决)"),
    # 作出284件行政许可决定和31件行政处罚决定
    ("licensing_after", "proactive.licensing", r"^[^，。；]{0,3}?(?:行政许可|许可决定)"),
    ("penalty_after", "proactive.penalty", r"^[^，。；]{0,3}?(?:行政处罚|处罚决定)"),
    ("coercion_after", "proactive.coercion", r"^[^，。；]{0,3}?(?:行政强制|强制措施|强制执行)"),
    # 其中1起系复议后起诉: how the lawsuit came, after the count
    ("litigation_way_after", "litigation.total", r"^[^，。；]{0,4}?(?:系|为|属于?)?经?(?:复议后起诉|未经复议直接起诉|直接起诉)"),
    ("review_after", "review.total", _CASES_AFTER + r"行政复议"),
    ("litigation_after", "litigation.total", _CASES_AFTER + r"行政诉讼"),
    ("proactive_after", "proactive.total", r"^(?:[^，。；]{0,2}?)(?:政府|政务)?信息[^，。；申]{0,24}?公开(?!申请)"),
)

# A count of requests whose outcome the clause states later: 对6件涉及第三方个人信息的申请作出部分公开,
# 另有21件因本机关未制作、未获取…, 经保密审查，1件申请所涉信息属于国家秘密.  The count must be of
# requests (申请, 因, 涉及 … right after it); the outcome is looked for up to the end of the sentence or a
# 其中/分别/均 that starts a breakdown, explicit outcomes first, then the reasons of table 3's rows.
REQUEST_REFERENCE_RE = re.compile(r"^[^，。；]{0,3}?(?:申请|因|涉及|系|所涉|属于|经)")
OUTCOME_LATER_STOP_RE = re.compile(r"[。；;]|其中|分别|全部|均")
OUTCOMES_LATER = (
    ("requests.partially_granted", r"部分公开|区分处理|遮盖|遮挡"),
    ("requests.denied", r"不予公开|不公开"),
    ("requests.unable", r"无法提供"),
    ("requests.not_processed", r"不予处理"),
    ("requests.granted", r"予以公开|同意公开|公开了|已(?:经)?主动公开"),
    ("requests.carried_forward", r"结转(?:至|到)?下|顺延|尚未届满|跨年度"),
    ("requests.denied", r"行政查询事项|国家秘密|商业秘密|三安全一稳定|内部事务|过程性信息|执法案卷"),
    ("requests.unable", r"未制作|未获取|不属于本机关|不掌握|汇总加工|没有这方面"),
    ("requests.not_processed", r"信访|重复申请|反复"),
)

# The outcome of reviews or lawsuits named after the count: 另1起尚在审理中, 2件被纠错.
OUTCOME_AFTER = (
    ("pending", r"^[^，。；]{0,4}?(?:尚在审理|正在审理|仍在审理|审理中|尚未审结|未审结|尚未判决|尚未作出|尚待[^，。；]{0,4}?审理)"),
    ("upheld", r"^[^，。；]{0,4}?被?维持|^[^，。；]{0,8}?(?:判决|裁定)驳回|^[^，。；]{0,2}?胜诉"),
    ("corrected", r"^[^，。；]{0,4}?被?[^，。；]{0,6}?(?:纠错|纠正|撤销|确认[^，。；]{0,4}?违法|判决败诉)"),
    ("other", r"^[^，。；]{0,8}?(?:准许[^，。；]{0,4}?撤诉|撤诉|撤回起诉|终止审理|终止)"),
)
LITIGATION_TOPIC = _LITIGATION_TOPIC
REVIEW_TOPIC = _REVIEW_TOPIC

# --------------------------------------------------------------------------
# Breakdowns, totals, scope, year.

# What an item of a breakdown without a stated total must name to count as published information.
PUBLISHED_NOUN_RE = re.compile(r"信息|文件|动态|公告|通知|政策|预决算|实事|新闻|解读|数据|稿件|简报|公示")
PART_CUE_RE = re.compile(r"其中|分别为|分别是|包括|包含|含|主要有")
TOTAL_CUE_RE = re.compile(r"共|总计|合计|累计|全年|各类|总数")
CLAUSE_BREAK_RE = re.compile(r"[，,；;：:]")
FILLER_CLAUSE_RE = re.compile(r"^\s*(?:全年|本年度?|今年|当年)?(?:共|合计|总计|累计|一共)?(?:是|为|有|共有|计|达|达到)?\s*$")
SCOPE_RE = re.compile(
    r"其中|代表[^，。；]{1,10}?政府|本机关|本部门|本单位|本级(?:政府)?|本机构|"
    r"(?:全|本)(?:区|市|县|乡|镇|街道|省|州|旗)(?![委级])|各(?:部门|单位|乡镇|村)")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")

# --------------------------------------------------------------------------
# Negations: a statement that something did not happen is a zero claim.
# One negation may cover several metrics (未发生行政复议、行政诉讼).

_NEG = r"(?:未曾|尚未|均未|并未|从未|没有|未有|无任何|无|未|不存在|不涉及)"
NEGATIONS = (
    # 未收到法人或其他组织提出的申请: none from one kind of applicant, not none at all
    ("no_legal_entity", "requests.received_legal_entity",
     rf"{_NEG}(?:收到|有)?(?!公民、法人)[^，。；]{{0,4}}?(?:法人|其他组织|企业)[^，。；]{{0,40}}?申请"
     rf"|(?<!公民、)(?:法人|其他组织)[^，。；]{{0,4}}?申请[^，。；]{{0,4}}?(?:均|也)?{_ZERO}"),
    ("no_natural_person", "requests.received_natural_person",
     rf"{_NEG}(?:收到|有)?[^，。；]{{0,4}}?(?:自然人|公民个人)[^，。；]{{0,10}}?申请"),
    ("no_requests", "requests.received",
     rf"{_NEG}(?:收到|受理|接到|接收|收悉|新收)(?![^，。；公]{{0,6}}?(?:法人|其他组织|企业|自然人|公民个人))"
     rf"[^，。；]{{0,20}}?(?:{_REQUEST_CONTEXT})"
     rf"|(?:没有|未有|无)[^，。；]{{0,10}}?(?:依申请公开|信息公开申请|公开申请)(?![^，。；]{{0,6}}(?:引起|引发|导致|而))"),
    # not 未经复议直接起诉 (a lawsuit's way), not 尚未作出复议决定 (a pending review)
    ("no_review", "review.total",
     rf"{_NEG}(?!经过?复议|作出)(?:发生|出现|产生|收到|涉及|有)?[^，。；]{{0,30}}?复议(?![^，。；]{{0,4}}?被?(?:纠错|纠正))"),
    ("no_litigation", "litigation.total",
     rf"{_NEG}(?:发生|出现|产生|收到|涉及|有)?(?![^，。；]{{0,10}}?复议[^，。；]{{0,4}}?被?(?:纠错|纠正))"
     rf"[^，。；]{{0,40}}?(?:行政诉讼|(?<=复议[、和及与或])诉讼)(?![^，。；]{{0,4}}?败诉)"),
    ("no_carried_over", "requests.carried_over", rf"{_NEG}[^，。；]{{0,6}}?(?:上一?年度?|往年|(?:19|20)\d{{2}}年度?)结转"),
    ("no_carried_forward", "requests.carried_forward", rf"{_NEG}[^，。；]{{0,6}}?结转(?:至|到|入)?下一?年"),
    # 上年结转及年末结转：均无; 上年结转和结转下年度的申请均为0件
    ("none_carried_over", "requests.carried_over",
     rf"上一?年度?结转[^，。；]{{0,14}}?(?:均无|均为零|均为0(?![0-9.]))|上一?年度?结转[^，。；]{{0,6}}?{_ZERO}"),
    ("none_carried_forward", "requests.carried_forward",
     r"(?:年末|年底|下一?年度?)结转[^，。；]{0,14}?(?:均无|均为零|均为0(?![0-9.])|[：:]\s*无)"
     rf"|结转(?:至|到)?下一?年度?[^，。；]{{0,10}}?(?:均无|均{_ZERO}|{_ZERO})|(?:无|没有)结转(?=[，。；]|$)"),
    # …also with the noun first: 无规范性文件制发、废止情况, 不涉及规章的制定和废止; 现行有效13件，无废止.
    ("no_normative_issued", "proactive.normative_docs_issued",
     rf"{_NEG}(?:新)?{_ISSUE}[^，。；]{{0,6}}?{_NORMATIVE}|{_NEG}{_NORMATIVE}的?{_ISSUE}"),
    ("no_regulation_issued", "proactive.regulations_issued",
     rf"{_NEG}(?:新)?{_ISSUE}[^，。；]{{0,6}}?{_REGULATION}|{_NEG}{_REGULATION}的?{_ISSUE}"),
    ("no_normative_repealed", "proactive.normative_docs_repealed",
     rf"{_NEG}{_REPEAL}[^，。；]{{0,8}}?{_NORMATIVE}|{_NEG}{_NORMATIVE}的?(?:{_ISSUE}[、和及与])?{_REPEAL}"
     rf"|{_NORMATIVE}[^。；]{{0,40}}?[，,](?:亦|也|均)?(?:{_NEG}){_REPEAL}(?=[，。；]|$)"),
    ("no_regulation_repealed", "proactive.regulations_repealed",
     rf"{_NEG}{_REPEAL}[^，。；]{{0,8}}?{_REGULATION}|{_NEG}{_REGULATION}的?(?:{_ISSUE}[、和及与])?{_REPEAL}"),
    # Other things that did not happen: a 收费通知, a leak, an accountability case, a complaint.
    ("no_fee_notice", "other", rf"{_NEG}(?:发出|下发|出具|开具|送达)[^，。；]{{0,4}}?收费通知书?"),
    # A verb is required: 确保无泄密事件发生 is a goal, not a fact.
    ("no_leak", "other", rf"(?<!确保)(?:{_NEG}(?:发生|出现)|不存在)[^，。；]{{0,8}}?泄密(?:事件|事故|情况)?"),
    ("no_accountability", "other",
     rf"(?<!确保)(?:{_NEG}(?:发生|出现)|不存在)[^，。；]{{0,24}}?责任追究(?:情况|事件|案件|的情况)?"),
    ("no_complaint", "other",
     rf"(?<!确保)(?:{_NEG}(?:收到|出现|发生)|不存在)[^，。；]{{0,40}}?(?:举报投诉|群众投诉|投诉)(?:事件|情况)?"),
    # not 无行政许可权限: a power the agency lacks
    ("no_licensing", "proactive.licensing",
     rf"{_NEG}(?:实施|作出|办理|发生|受理)?[^，。；]{{0,6}}?行政许可(?!权|职能|职权)|行政许可[^，。；]{{0,16}}?(?:均|也)?{_ZERO}"),
    ("no_penalty", "proactive.penalty",
     rf"{_NEG}(?:实施|作出|办理|发生)?[^，。；]{{0,12}}?行政处罚(?!权|职能|职权)|行政处罚[^，。；]{{0,16}}?(?:均|也)?{_ZERO}"),
    ("no_coercion", "proactive.coercion",
     rf"{_NEG}(?:实施|作出|采取|办理|发生)?[^，。；]{{0,20}}?行政强制(?!权|职能|职权)|行政强制[^，。；]{{0,16}}?(?:均|也)?{_ZERO}"),
    ("zero_normative_issued", "proactive.normative_docs_issued",
     rf"{_ISSUE}[^，。；]{{0,8}}?{_NORMATIVE}[^，。；]{{0,4}}?(?:均|也)?为零"),
    ("zero_requests", "requests.received",
     rf"(?<!的)(?<!结转)(?<!组织)(?<!法人)(?:依申请公开|信息公开)?申请(?:量|数|数量|件数|总数)[^，。；]{{0,4}}?(?:均|也)?{_ZERO}"
     rf"|(?:收到|受理|新收)[^，。；]{{0,12}}?申请[^，。；]{{0,2}}?(?:均|也)?{_ZERO}"),
    # Stated as zero after the noun: 行政复议、行政诉讼案件数量均为零 (零 without a unit is no candidate).
    # …or as not having happened after the noun: 行政复议、行政诉讼：本年度未发生; 复议、诉讼都没有发生.
    ("zero_review", "review.total",
     r"(?<!未经)复议(?:(?!率)[^，。；]){0,14}?(?:均|皆|都|同样|也)?(?:为零|为0(?![0-9.])|(?:未|没有)发生)"),
    ("zero_litigation", "litigation.total",
     r"(?:诉讼|起诉)(?:(?!率)[^，。；]){0,12}?(?:均|皆|都|同样|也)?(?:为零|为0(?![0-9.])|(?:未|没有)发生)"),
    # 无一被纠错 (of reviews and lawsuits both), 未出现败诉情形.
    ("none_corrected_review", "review.corrected",
     rf"复议[^。；]{{0,30}}?(?:无一|没有一件|均未)被?(?:纠错|纠正)|{_NEG}(?:发生|出现|有)?[^，。；]{{0,10}}?复议[^，。；]{{0,4}}?被?(?:纠错|纠正)"),
    ("none_corrected_litigation", "litigation.corrected",
     rf"诉讼[^。；]{{0,30}}?(?:无一|没有一件|均未)被?(?:纠错|纠正)|(?:未|没有)(?:出现|发生)败诉|无败诉"
     rf"|{_NEG}(?:发生|出现|有)?[^，。；]{{0,24}}?诉讼[^，。；]{{0,4}}?败诉"),
    # 均已审结，无尚未审结案件
    ("none_pending_review", "review.pending",
     r"复议[^。；]{0,30}?(?:无|没有|未有)(?:尚未审结|未审结|正在审理|尚在审理|跨年度?未结)"),
    ("none_pending_litigation", "litigation.pending",
     r"诉讼[^。；]{0,30}?(?:无|没有|未有)(?:尚未审结|未审结|正在审理|尚在审理|跨年度?未结)"),
    # Outcomes that did not occur: 未作出不予公开和不予处理的决定, 部分公开、不予公开的情形均未出现.
    ("no_denied", "requests.denied",
     rf"{_NEG}(?!法)(?:作出|出现|发生|有)?[^，。；]{{0,8}}?不予公开|不予公开[^，。；]{{0,10}}?(?:均未|未|没有)(?:出现|发生)"
     rf"|不予公开[^，。；]{{0,16}}?(?:均|也)?{_ZERO}"),
    ("no_not_processed", "requests.not_processed",
     rf"{_NEG}(?!法)(?:作出|出现|发生|有)?[^，。；]{{0,8}}?不予处理|不予处理[^，。；]{{0,10}}?(?:均未|未|没有)(?:出现|发生)"
     rf"|不予处理[^，。；]{{0,12}}?(?:均|也)?{_ZERO}"),
    ("no_unable", "requests.unable",
     rf"{_NEG}(?!法)(?:作出|出现|发生|有)?[^，。；]{{0,8}}?[^无]无法提供|无法提供[^，。；]{{0,10}}?(?:均未|未|没有)(?:出现|发生)"),
    ("no_partially_granted", "requests.partially_granted",
     rf"部分公开[^，。；]{{0,10}}?(?:均未|未|没有)(?:出现|发生)|{_NEG}(?!法)(?:作出|出现|发生|有)?[^，。；]{{0,8}}?部分公开"
     rf"|部分公开[^，。；]{{0,12}}?(?:均|也)?{_ZERO}"),
    # not 逾期未缴纳信息处理费: the applicant's failure to pay
    ("no_fees", "fees.info_processing",
     rf"(?:{_NEG}|不)(?:向[^，。；]{{0,8}}?)?(?:收取|产生|收)[^，。；]{{0,12}}?(?:处理费|费用)|{_NEG}(?!缴纳|缴费|按时缴)[^，。；]{{0,8}}?处理费"
     rf"|未收费|处理费[^，。；]{{0,8}}?[：:]\s*(?:无|未收取|未产生|不收取)|处理费[^，。；]{{0,8}}?(?:均|也)?{_ZERO}"),
)

