"""劳动力基础信息台账 views: list, search and filters of the labour-force registry."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.web.ledger_view import LedgerView
from models.person import Person


class PersonView(LedgerView):
    """劳动力基础信息台账."""

    datamodel = SQLAInterface(Person)
    show_links = [(_l("Service handbook"), "ServiceHandbookView.show", "id")]
    list_columns = [
        "name",
        "id_number",
        "gender",
        "birth_date",
        "org",
        "education",
        "skill_level",
        "employment_status",
        "phone",
    ]
    search_columns = [
        "name",
        "id_number",
        "phone",
        "org",
        "employment_status",
        "education",
        "skill_level",
        "industry",
        "hukou_type",
        "birth_date",
        "category",
    ]
    add_columns = [
        "org",
        "id_number",
        "name",
        "gender",
        "birth_date",
        "ethnicity",
        "hukou_type",
        "hukou_address",
        "address",
        "phone",
        "marital_status",
        "education",
        "skill_level",
        "occupation",
        "category",
        "employment_status",
        "employer_name",
        "industry",
        "monthly_wage",
        "able_to_work",
        "willing_to_work",
        "unemployed_reason",
        "employment_need",
        "remarks",
    ]
    order_columns = ["name", "birth_date", "employment_status"]
    base_order = ("id", "desc")
