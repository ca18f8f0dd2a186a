"""What a ledger view gets when its ledger's spec declares a `checklist` (app/services/materials.py): the materials panel on the
record's page with a form to tick items, scanned-file upload and download (scoped like the record), and the
printable 一次性告知单. Inert for ledgers without a checklist."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, request, url_for
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l

from app import clock, ledger
from app.io.download import download
from app.services import materials

# a scan is shown in the browser only as one of these types; anything else is saved, never rendered
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}
ATTACHMENT_CSP = "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'none'"

MATERIALS_PERMISSIONS = {
    "materials": "write",
    "attach": "write",
    "attachment": "read",
    "missing_notice": "read",
}


class MaterialsViewMixin:
    def materials_context(self, item: Any) -> dict[str, Any]:
        checklist = materials.checklist_of(item)
        if checklist is None:
            return {"checklist": None}
        return {"checklist": checklist, "material_lines": materials.lines(item, checklist)}

    def back_to_record(self, pk: Any) -> Any:
        return redirect(url_for(f"{type(self).__name__}.show", pk=pk))

    @expose("/materials/<pk>", methods=["POST"])
    @has_access
    def materials(self, pk: Any) -> Any:
        item = self.scoped_get(pk)  # type: ignore[attr-defined]
        try:
            changed = materials.record(item, request.form.to_dict())
            self.datamodel.session.commit()  # type: ignore[attr-defined]
            flash(str(_l("Materials saved: %(count)d items changed", count=changed)), "success")
        except ledger.LedgerError as exc:
            self.datamodel.session.rollback()  # type: ignore[attr-defined]
            flash(str(exc), "danger")
        return self.back_to_record(pk)

    @expose("/attach/<pk>/<int:number>", methods=["POST"])
    @has_access
    def attach(self, pk: Any, number: int) -> Any:
        item = self.scoped_get(pk)  # type: ignore[attr-defined]
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise ledger.LedgerError({"file": _l("Please choose a file")})
            limit = current_app.config["ATTACHMENT_MAX_BYTES"]  # read no more than one byte over the limit
            materials.attach(item, number, upload.filename, upload.read(limit + 1))
            self.datamodel.session.commit()  # type: ignore[attr-defined]
            flash(str(_l("File attached")), "success")
        except ledger.LedgerError as exc:
            self.datamodel.session.rollback()  # type: ignore[attr-defined]
            flash(str(exc), "danger")
        return self.back_to_record(pk)

    @expose("/attachment/<pk>/<int:number>", methods=["GET"])
    @has_access
    def attachment(self, pk: Any, number: int) -> Any:
        item = self.scoped_get(pk, include_voided=True)  # type: ignore[attr-defined]
        found = materials.attachment_file(item, number)
        if found is None:
            abort(404)
        path, row = found
        name = row.attachment_name or path.name
        inline = row.attachment_mime in INLINE_TYPES
        response = download(
            path, name, row.attachment_mime if inline else "application/octet-stream", inline=inline
        )
        response.headers["Content-Security-Policy"] = ATTACHMENT_CSP  # never a page of this site
        return response

    @expose("/missing/<pk>", methods=["GET"])
    @has_access
    def missing_notice(self, pk: Any) -> Any:
        """一次性告知单: the materials still missing, to print and hand to the applicant."""
        item = self.scoped_get(pk)  # type: ignore[attr-defined]
        checklist = materials.checklist_of(item)
        if checklist is None:
            abort(404)
        return self.render_template(  # type: ignore[attr-defined]
            "ledger/missing_notice.html",
            item=item,
            checklist=checklist,
            missing=materials.missing(item),
            lines=materials.lines(item, checklist),
            today=clock.today(),
            title=_l("One-time notice of missing materials"),
        )
