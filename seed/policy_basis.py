"""政策依据 — the policy basis of each case type as the manual cites it (CATALOG Appendix D), shown on every
record page of a ledger whose spec names one or more keys of BASIS (`Ledger(..., policy_basis=(key, ...))`)."""

from __future__ import annotations

BASIS: dict[str, tuple[str, str, str]] = {  # key: (function, 政策依据, 出处)
    "overall": (
        "精细化就业管理和服务（总体）",
        "人社部发〔2010〕37 号《关于进一步加强基层平台就业工作若干问题的意见》；人社部发〔2010〕29 号"
        "《关于加强就业援助工作的指导意见》；《就业促进法》",
        "概述 L262, L274",
    ),
    "registration": (
        "就业失业登记",
        "京人社就发〔2011〕79号《北京市就业失业登记管理暂行办法》；京人社就发〔2011〕80号"
        "《北京市〈就业失业登记证〉管理暂行办法》",
        "区级 第一章 第二节（一） L471；街镇级 L1985, L2013",
    ),
    "unemployment_benefit": (
        "失业保险待遇",
        "《北京市失业保险规定》（北京市人民政府令第190号）；京人社就发〔2009〕183号；京人社就发〔2010〕220号",
        "区级 第一章 第二节（三） L533, L541",
    ),
    "self_employment_si": (
        "自谋职业（自主创业）社会保险补贴",
        "京劳社服发〔2006〕45号；京劳社就发〔2006〕160号；京劳社就发〔2007〕90号",
        "区级 L584；街镇级 L2107",
    ),
    "flexible_si": (
        "灵活就业社会保险补贴",
        "京劳社就发〔2006〕160号；京劳社就发〔2007〕90号；京劳社就发〔2008〕195号",
        "区级 L632",
    ),
    "guaranteed_loan": (
        "小额担保贷款（小企业、个体）",
        "京财经一〔2009〕1011 号；京劳社服发〔2008〕120号；顺劳社字〔2009〕42号",
        "区级 L729；街镇级 L2132",
    ),
    "labour_intensive_loan": (
        "劳动密集型小企业贷款",
        "京财金融〔2009〕735号；顺劳社字〔2009〕42号",
        "区级 L781",
    ),
    "public_welfare_post": (
        "公益性岗位补贴",
        "京人社办发〔2009〕7 号；顺人社字〔2010〕49 号",
        "区级 L785, L821",
    ),
    "district_preferential": (
        "区级就业再就业优惠政策",
        "《顺义区劳动和社会保障局 顺义区财政局关于进一步加强就业再就业工作的意见实施细则的通知》"
        "（顺劳社字〔2009〕42号）",
        "区级 L825, L851",
    ),
    "guidance_training": (
        "职业指导培训补贴",
        "京人社办发〔2009〕5 号；京人社职介发〔2009〕136 号；京人社保发〔2010〕109 号（档案管理）",
        "区级 L882；街镇级 L2075",
    ),
    "hard_to_employ": (
        "就业援助",
        "人社部发〔2010〕29 号《关于加强就业援助工作的指导意见》",
        "概述 L274",
    ),
}


def basis_for(keys: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The 政策依据 lines of the keys a ledger's spec names (its `policy_basis`)."""
    return [BASIS[key] for key in keys]
