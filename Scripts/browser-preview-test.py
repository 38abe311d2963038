#!/usr/bin/env python3
"""galley serve in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium. Opens the served book, follows the nav
sidebar, appends a paragraph to a chapter file and waits until the open page
shows it with nobody reloading it by hand.

    browser-preview-test.py URL CHAPTER_FILE

Exit 0: passed; 1: failed; 77: Chromium, chromedriver or Selenium is missing.
Every wait is WebDriverWait on a condition (an event), bounded so that a
broken preview fails instead of hanging.
"""
import shutil
import sys
import urllib.request

MISSING = 77


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    url, chapter = sys.argv[1].rstrip("/"), sys.argv[2]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.common.exceptions import (JavascriptException, NoSuchElementException,
                                                StaleElementReferenceException)
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("selenium is not installed (make setup)", file=sys.stderr)
        return MISSING
    browser = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not browser or not driver_path:
        print("chromium or chromedriver is not installed (make setup)", file=sys.stderr)
        return MISSING

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    # A page that reloads while it is being read throws these; the condition is then tried again.
    reloading = (StaleElementReferenceException, NoSuchElementException, JavascriptException)
    wait = WebDriverWait(driver, 60, ignored_exceptions=reloading)
    try:
        # The root leads to the first page; the sidebar is the EPUB's nav.
        driver.get(url + "/")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#galley-sidebar a"))
        links = driver.find_elements(By.CSS_SELECTOR, "#galley-sidebar a")
        hrefs = [link.get_attribute("href") for link in links]
        print(f"sidebar: {len(hrefs)} links")
        for href in hrefs:
            with urllib.request.urlopen(href.split("#")[0]) as response:
                if response.status != 200:
                    raise AssertionError(f"sidebar link {href}: HTTP {response.status}")

        # Following a sidebar link opens that chapter.
        target = next(link for link in links if link.get_attribute("href").endswith("/text/preface.xhtml"))
        target.click()
        wait.until(lambda d: d.current_url.endswith("/text/preface.xhtml"))
        wait.until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "序言")
        # A link to a section inside a chapter lands on that section.
        section = driver.find_element(By.CSS_SELECTOR, "#galley-sidebar a[href$='/text/foreword.xhtml#part-2']")
        section.click()
        wait.until(lambda d: d.current_url.endswith("/text/foreword.xhtml#part-2"))
        wait.until(lambda d: d.find_elements(By.ID, "part-2"))
        driver.back()
        wait.until(lambda d: d.current_url.endswith("/text/preface.xhtml"))

        # The page reloads itself after a save: a mark set in this page's
        # window is gone once it has, and the new paragraph is there.
        driver.execute_script("window.galleyTestMark = 1;")
        marker = "浏览器里看到的新段落"
        with open(chapter, "a", encoding="utf-8") as handle:
            handle.write(f"\n\n{marker}。\n")
        wait.until(lambda d: marker in d.execute_script("return document.body ? document.body.textContent : '';"))
        if driver.execute_script("return window.galleyTestMark === 1;"):
            raise AssertionError("the new text is there but the page did not reload")
        print("browser preview test: the sidebar links work and the saved text appeared without a manual reload")
        return 0
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
