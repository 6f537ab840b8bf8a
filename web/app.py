"""The auditor web UI: server-rendered pages over the result store.

``create_app(settings)`` builds the FastAPI application; ``gidar serve`` runs
it under uvicorn.  Handlers are thin: they parse the request, ask
``web.queries.ReviewData`` for data, let ``web.pages`` shape it, and render a
template with autoescaping on.
"""
from __future__ import annotations

import math
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from gidar.exports import KIND_CN, SEVERITY_CN
from gidar.settings import Settings
from gidar.taxonomy import METRICS
from web import exports, pages
from web.queries import ReviewData
from web.security import (REVIEWER_COOKIE, SESSION_COOKIE, AccessMiddleware, csrf_token, safe_next,
                          session_value, token_matches, verify_csrf)

HERE = Path(__file__).resolve().parent
SHA = re.compile(r"^[0-9a-f]{64}$")
PAGE_SIZE = 50
VERDICTS = {"confirmed", "dismissed", "open"}


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # every template, whatever its name
    return templates


def _sha(sha256: str) -> str:
    """Originals and results are addressed by content hash only; anything else is not found."""
    if not SHA.match(sha256):
        raise HTTPException(status_code=404, detail="没有这份报告")
    return sha256


def _reviewer(request: Request, offered: str = "") -> str:
    name = (offered or unquote(request.cookies.get(REVIEWER_COOKIE, ""))).strip()
    return re.sub(r"[\x00-\x1f]", "", name)[:40]


def create_app(settings: Settings | None = None, token: str | None = None, data: ReviewData | None = None) -> FastAPI:
    settings = settings or Settings.resolve()
    token = token if token is not None else settings.web_token
    data = data or ReviewData.open(settings)
    templates = _templates()
    app = FastAPI(title="gidar", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(AccessMiddleware, token=token)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.data = data

    def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
        context.setdefault("nav", "")
        context.update(csrf=csrf_token(request), reviewer=_reviewer(request),
                       failed_count=data.failed_count(), flash=request.query_params.get("msg", "")[:200])
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/"):
        return render(request, "login.html", next=safe_next(next), error="")

    @app.post("/login", dependencies=[Depends(verify_csrf)])
    def login(request: Request, token_: str = Form("", alias="token"), reviewer: str = Form(""),
              next: str = Form("/")):
        if token and not token_matches(token, token_):
            return render(request, "login.html", status_code=401, next=safe_next(next), error="访问令牌不正确")
        response = RedirectResponse(safe_next(next), status_code=303)
        if token:
            response.set_cookie(SESSION_COOKIE, session_value(token), httponly=True, samesite="strict")
        response.set_cookie(REVIEWER_COOKIE, quote(_reviewer(request, reviewer)), httponly=True, samesite="strict")
        return response

    @app.get("/", response_class=HTMLResponse)
    def report_list(request: Request, page: int = 1):
        f = pages.ListFilter.parse(request.query_params)
        if f.status == "failed":
            return RedirectResponse("/failures", status_code=303)
        rows = pages.sort_rows([r for r in data.report_rows() if f.keeps(r)])
        pages_n = max(1, math.ceil(len(rows) / PAGE_SIZE))
        page = min(max(page, 1), pages_n)
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}
        query = f"?{urlencode(params)}" if params else ""
        totals = {s: sum(r.open[s] for r in rows) for s in SEVERITY_CN}
        return render(request, "list.html", nav="list", f=f, rows=rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE],
                      total=len(rows), totals=totals, years=data.years(), severities=list(SEVERITY_CN.items()),
                      kinds=list(KIND_CN.items()), statuses=pages.STATUS_FILTERS, query=query, page=page,
                      pages=pages_n, page_link=lambda n: "?" + urlencode({**params, "page": n}))

    @app.get("/failures", response_class=HTMLResponse)
    def failures(request: Request):
        return render(request, "failures.html", nav="failures", rows=data.failures())

    @app.get("/coverage", response_class=HTMLResponse)
    def coverage(request: Request, year: str = "", q: str = ""):
        years = data.years()
        chosen = int(year) if year.isdigit() else (years[0] if years else None)
        present, missing, known = data.coverage(chosen, q.strip()[:100]) if chosen else ([], [], 0)
        return render(request, "coverage.html", nav="coverage", years=years, year=chosen, q=q,
                      present=present, missing=missing, known=known)

    def _report_context(sha256: str, selected: int | None) -> dict:
        result = data.result(_sha(sha256))
        if result is None:
            raise HTTPException(status_code=404, detail="没有这份报告")
        return pages.report_page(result, data.text(sha256), data.verdicts(sha256), data.corrections(sha256),
                                 selected)

    @app.get("/reports/{sha256}", response_class=HTMLResponse)
    def report(request: Request, sha256: str, finding: int | None = None):
        return render(request, "report.html", **_report_context(sha256, finding))

    @app.get("/reports/{sha256}/print", response_class=HTMLResponse)
    def report_print(request: Request, sha256: str):
        return render(request, "print.html", now=datetime.now().strftime("%Y-%m-%d %H:%M"),
                      **_report_context(sha256, None))

    @app.get("/reports/{sha256}/original")
    def original(sha256: str):
        found = data.original(_sha(sha256))
        if found is None:
            raise HTTPException(status_code=404, detail="原件不在库中")
        content, source = found
        name = pages.source_name(source) or f"{sha256}.bin"
        ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        return Response(content, media_type="application/octet-stream", headers={
            "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"})

    @app.post("/reports/{sha256}/findings/{index}/verdict", dependencies=[Depends(verify_csrf)])
    def verdict(request: Request, sha256: str, index: int, verdict: str = Form(...), comment: str = Form(""),
                reviewer: str = Form("")):
        who = _reviewer(request, reviewer)
        if verdict not in VERDICTS or not who:
            raise HTTPException(status_code=400, detail="审核结论或审核人无效")
        result = data.result(_sha(sha256))
        if result is None or not 0 <= index < len(result.get("findings") or ()):
            raise HTTPException(status_code=404, detail="没有这条问题")
        data.set_verdict(result, index, verdict, comment.strip()[:1000], who)
        msg = {"confirmed": "已确认该问题", "dismissed": "已驳回该问题", "open": "已撤销审核结论"}[verdict]
        response = RedirectResponse(f"/reports/{sha256}?{urlencode({'msg': msg, 'finding': index})}#f{index}",
                                    status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(who), httponly=True, samesite="strict")
        return response

    @app.post("/reports/{sha256}/claims/{index}/correction", dependencies=[Depends(verify_csrf)])
    def correction(request: Request, sha256: str, index: int, metric: str = Form(...), value: str = Form(...),
                   comment: str = Form(""), reviewer: str = Form("")):
        who = _reviewer(request, reviewer)
        number = exports.parse_value(value)
        if metric not in METRICS or number is None or not who:
            raise HTTPException(status_code=400, detail="指标、数值或审核人无效")
        result = data.result(_sha(sha256))
        if result is None or not 0 <= index < len(result.get("claims") or ()):
            raise HTTPException(status_code=404, detail="没有这条数字声明")
        data.correct_claim(result, index, metric, number, comment.strip()[:1000], who)
        response = RedirectResponse(f"/reports/{sha256}?{urlencode({'msg': '已保存更正（将用于重新训练）'})}#c{index}",
                                    status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(who), httponly=True, samesite="strict")
        return response

    def _export_set(request: Request) -> tuple[list[dict], dict]:
        sha = request.query_params.get("sha", "")
        if sha:
            shas = [_sha(sha)]
        else:
            f = pages.ListFilter.parse(request.query_params)
            shas = [r.sha256 for r in pages.sort_rows([r for r in data.report_rows() if f.keeps(r)])]
        return data.export_set(shas)

    @app.get("/export.{fmt}")
    def export(request: Request, fmt: str):
        if fmt not in exports.FORMATS:
            raise HTTPException(status_code=404, detail="不支持的导出格式")
        results, verdicts = _export_set(request)
        content, media_type = exports.render(fmt, results, verdicts)
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return Response(content, media_type=media_type,
                        headers={"Content-Disposition": f"attachment; filename=\"gidar-findings-{stamp}.{fmt}\""})

    return app
