"""The auditor's path through the UI in headless Chromium, on a real server and really audited reports."""
from __future__ import annotations

import io
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.webdata import HOSTILE, build_inputs, require_pipeline_and_store, run_batch

pytestmark = pytest.mark.browser

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1440,1000")
SCREENSHOT = ROOT / "docs" / "screenshots" / "report-page.png"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("Debian's chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)
require_pipeline_and_store()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A store filled by the batch, served by uvicorn on 127.0.0.1 as ``gidar serve`` does."""
    import uvicorn

    from gidar.settings import Settings
    from web.app import create_app
    from web.queries import ReviewData

    root = tmp_path_factory.mktemp("browser")
    inputs = build_inputs(root / "reports")
    url = f"sqlite:///{root / 'gidar.sqlite'}"
    run_batch(inputs, root / "out", url)
    settings = Settings.resolve(database_url=url)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, token=""), host="127.0.0.1", port=_free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{server.config.port}", "inputs": inputs, "root": root, "url": url,
           "data": ReviewData.open(settings)}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="gidar-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS + (f"--user-data-dir={profile}",):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _by_css(driver, css, wait: float = 5.0):
    """Elements matching ``css``, waiting a little for them to appear (pages load asynchronously).

    A lookup made while the browser swaps documents can fail inside Chromium ("Node with given id
    does not belong to the document"); it is retried like a lookup that found nothing yet."""
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(driver, wait, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, css))
    except TimeoutException:
        return driver.find_elements(By.CSS_SELECTOR, css)


def _navigate(driver, element) -> None:
    """Click something that loads a new page, and wait until the old page is gone."""
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    element.click()
    WebDriverWait(driver, 10).until(EC.staleness_of(element))


def _no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_auditor_path_filter_open_select_confirm_rerun_export(site, browser):
    data = site["data"]
    rows = data.report_rows()
    browser.get(site["base"] + "/")
    assert len(_by_css(browser, "tr.report-row")) == len(rows)

    # filter: reports with open errors first, then open one
    target = next(r for r in rows if r.open["error"] or r.open["warning"])
    severity = "error" if target.open["error"] else "warning"
    from selenium.webdriver.support.ui import Select
    Select(_by_css(browser, "select[name=severity]")[0]).select_by_value(severity)
    _navigate(browser, _by_css(browser, "#filters button[type=submit]")[0])
    shown = {tr.get_attribute("data-sha") for tr in _by_css(browser, "tr.report-row")}
    assert shown == {r.sha256 for r in rows if r.open[severity]}
    _navigate(browser, _by_css(browser, f'tr[data-sha="{target.sha256}"] a')[0])

    # select a finding: its claims' text and cells light up
    result = data.result(target.sha256)
    index = next(i for i, f in enumerate(result["findings"]) if f["severity"] == severity)
    finding = result["findings"][index]
    _by_css(browser, f"#f{index} .message")[0].click()
    lit_cells = {td.get_attribute("data-cell") for td in _by_css(browser, "td.lit")}
    assert lit_cells == set(finding["cells"])
    lit_text = "".join(p.text for p in _by_css(browser, ".piece.lit"))
    for c in finding["claims"]:
        assert result["claims"][c]["text"].replace(" ", "")[:4] in lit_text.replace(" ", "")
    assert "selected" in _by_css(browser, f"#f{index}")[0].get_attribute("class")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))

    # confirm it with a comment
    form = _by_css(browser, f"#f{index} form.verdict-form")[0]
    form.find_element("name", "comment").send_keys("与原件核对，确有此问题")
    form.find_element("name", "reviewer").send_keys("浏览器审核员")
    _navigate(browser, form.find_element("css selector", "button.confirm"))
    assert "已确认" in _by_css(browser, f"#f{index}")[0].text

    # the batch runs again over the same store: the verdict stays
    run_batch(site["inputs"], site["root"] / "out", site["url"])
    browser.refresh()
    card = _by_css(browser, f"#f{index}")[0]
    assert "已确认" in card.text and "浏览器审核员" in card.text

    # export to Excel and read it back
    href = _by_css(browser, "#export-xlsx")[0].get_attribute("href")
    book = load_workbook(io.BytesIO(urllib.request.urlopen(href, timeout=30).read()))
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    statuses = [r[header.index("审核状态")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    messages = [r[header.index("说明")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert statuses[index] == "已确认" and messages[index] == finding["message"]


def test_a_report_with_script_stays_inert(site, browser):
    row = next(r for r in site["data"].report_rows() if "zz_hostile" in r.source)
    browser.get(f"{site['base']}/reports/{row.sha256}")
    assert _no_alert(browser)
    assert HOSTILE in browser.find_element("css selector", ".document").text
    assert not _by_css(browser, ".document script, .document img")
