"""Code lists of the job-seeker family: 求职登记 (CATALOG E06, R-14), 职业指导 (E22).

- A seeker's intended category uses the vacancies' list `vacancy_category` (seed/codes/employer.py), so matching
  compares the two directly.
- seeker_class / seeker_hardship: 一般求职人员 / 求职困难人员 and the reasons of 街镇级 第五章 第二节（二）3.
- job_urgency: 就业迫切程度 (E06; the manual names the dimension, not its values: codes are this system's).
- guidance_mode / guidance_referral: the modes and 转介 targets of E22 (区级 第二章 第二节（二）（三）,
  街镇级 第五章 第二节（二）, 社区（村）级 第八章 第二节).
"""

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "seeker_class": (
        "求职人员分类（R-14）",
        [
            ("1", "一般求职人员"),
            ("2", "求职困难人员"),
        ],
    ),
    "seeker_hardship": (
        "求职困难原因（R-14）",
        [
            ("1", "符合就业困难群体认定条件"),
            ("2", "缺乏职业技能"),
            ("3", "无工作经验"),
            ("4", "屡次面试失败"),
            ("9", "其它（人际关系不协调、企业文化不了解、工作时间或环境不适应等）"),
        ],
    ),
    "job_urgency": (
        "就业迫切程度",
        [
            ("1", "急需就业"),
            ("2", "近期就业"),
            ("3", "不急于就业"),
        ],
    ),
    "guidance_mode": (
        "职业指导方式（E22）",
        [
            ("01", "一般性职业指导"),
            ("02", "专家式职业指导"),
            ("03", "个体职业素质测评"),
            ("04", "个体就业心理调适"),
            ("05", "个体职业适应性指导"),
            ("06", "用工形式分析"),
            ("07", "用人条件指导"),
            ("08", "优惠政策指导"),
            ("09", "劳动政策法规指导"),
            ("10", "法律法规政策指导"),
            ("11", "职业环境指导"),
            ("12", "应聘指导"),
            ("13", "稳岗指导"),
            ("14", "创业指导"),
            ("15", "群体指导"),
            ("16", "专场指导"),
            ("17", "入门式职业指导"),
            ("18", "职业指导培训（一对一）"),
            ("19", "职业指导培训（集中办班）"),
        ],
    ),
    "guidance_referral": (
        "职业指导转介（E22）",
        [
            ("1", "心理咨询"),
            ("2", "残疾人联合会"),
            ("3", "用工指导室"),
            ("4", "素质测评室"),
            ("5", "个体职业指导室"),
        ],
    ),
}
