"""Working calendar 工作日历 administration (系统管理员 only): years and whether their schedule is confirmed,
the holiday table, and the CSV import of a year's State Council schedule."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_appbuilder import BaseView, ModelView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField
from wtforms.validators import DataRequired, NumberRange

from app import clock
from app.calendar import schedule_import
from models.base import column_meta
from models.calendar import CalendarYear, Holiday
from views.admin import ADMIN_MENU, OrgUnitView

PERMISSION = "calendar"


class CalendarYearView(ModelView):
    """年度日历: which years have a confirmed holiday schedule."""

    datamodel = SQLAInterface(CalendarYear)
    list_title = show_title = add_title = edit_title = _l("Working calendar")
    class_permission_name = PERMISSION
    route_base = "/calendar/years"
    method_permission_name = OrgUnitView.method_permission_name
    label_columns = {meta.name: meta.label for meta in column_meta(CalendarYear)}
    list_columns = ["year", "confirmed", "source", "note", "updated_at"]
    show_columns = list_columns
    add_columns = ["year", "confirmed", "source", "note"]
    edit_columns = ["confirmed", "source", "note"]
    search_columns = ["year", "confirmed", "source"]
    base_order = ("year", "desc")


class HolidayView(ModelView):
    """节假日安排: holidays 放假 and make-up workdays 调休上班, one row per date."""

    datamodel = SQLAInterface(Holiday)
    list_title = show_title = add_title = edit_title = _l("Holidays")
    class_permission_name = PERMISSION
    route_base = "/calendar/holidays"
    method_permission_name = OrgUnitView.method_permission_name
    label_columns = {meta.name: meta.label for meta in column_meta(Holiday)} | {"kind_label": _l("Type")}
    list_columns = ["date", "kind_label", "name", "source"]
    show_columns = list_columns
    add_columns = edit_columns = ["date", "is_workday", "name", "source"]
    search_columns = ["date", "is_workday", "name", "source"]
    base_order = ("date", "desc")
    page_size = 50


class ScheduleForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(2000, 2100)])
    file = FileField(_l("CSV file (日期,类型,名称)"), validators=[FileRequired()])
    confirm = BooleanField(_l("Mark the year as confirmed"), default=True)


class HolidayImportView(BaseView):
    """导入节假日安排: a year's State Council schedule from CSV, all rows or none."""

    route_base = "/calendar/import"
    default_view = "form"
    class_permission_name = "calendar_import"  # its own name: FAB prunes a shared name to one view's set
    method_permission_name = {"form": "write"}

    @expose("/", methods=["GET", "POST"])
    @has_access
    def form(self) -> Any:
        form = ScheduleForm(year=clock.today().year + 1)
        errors: list[Any] = []
        if request.method == "POST" and form.validate_on_submit():
            upload = form.file.data
            source = str(_l("CSV import: %(file)s", file=upload.filename or "-"))[:100]
            try:
                days = schedule_import.import_schedule(
                    self.appbuilder.session, form.year.data, upload.read(), source, form.confirm.data
                )
            except schedule_import.ScheduleError as exc:
                errors = exc.errors
            else:
                workdays = sum(day.is_workday for day in days)
                flash(
                    str(
                        _l(
                            "%(year)s: %(holidays)s holidays and %(workdays)s make-up workdays imported",
                            year=form.year.data,
                            holidays=len(days) - workdays,
                            workdays=workdays,
                        )
                    ),
                    "success",
                )
                return redirect(url_for("CalendarYearView.list"))
        return self.render_template("calendar/import.html", form=form, errors=errors)


def register_calendar(appbuilder: Any) -> None:
    for view, name, label, icon in [
        (CalendarYearView, "calendar_years", _l("Working calendar"), "fa-calendar"),
        (HolidayView, "holidays", _l("Holidays"), "fa-calendar-times-o"),
        (HolidayImportView, "holiday_import", _l("Import holiday schedule"), "fa-upload"),
    ]:
        appbuilder.add_view(view, name, label=label, icon=icon, category="System", category_label=ADMIN_MENU)
