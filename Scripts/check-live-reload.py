"""Real-browser check of `anthology serve` live reload: Chromium driven by Playwright.

    pip install playwright      # uses the system chromium, no browser download
    python3 Scripts/check-live-reload.py .build/release/anthology .

Serves a copy of seeds/ and templates/ under /sub/, then checks in a real browser that a CSS
change is swapped in without a reload, a story save reloads the page with the new text, a
broken story shows the error page, the next good save recovers, and nothing is injected on disk.
"""
import os, shutil, subprocess, sys, tempfile, time, re
from playwright.sync_api import sync_playwright

binary, repo = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp()
shutil.copytree(f"{repo}/seeds", f"{work}/seeds")
shutil.copytree(f"{repo}/templates", f"{work}/templates")
server = subprocess.Popen([binary, "serve", "--port", "0", "--base-path", "/sub/"], cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
url = None
while url is None:
    line = server.stdout.readline()
    m = re.search(r"(http://\S+)", line)
    if m: url = m.group(1)
print("server at", url)
story = sorted(os.listdir(f"{work}/seeds"))[0]
try:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        link = page.locator("a[href^='stories/']").first.get_attribute("href")
        page.goto(url + link)
        page.evaluate("window.__marker = 'kept'")
        # 1. CSS change: swapped without reload.
        with open(f"{work}/templates/assets/style.css", "a") as f: f.write("\nbody { background: rgb(1, 2, 3); }\n")
        page.wait_for_function("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'", timeout=3000)
        print("css swapped; page kept its state:", page.evaluate("window.__marker") == "kept")
        # 2. Story change: reload with the new text.
        with open(f"{work}/seeds/{story}", "a") as f: f.write("\nA heron landed on the rail.\n")
        page.wait_for_function("document.body.innerText.includes('A heron landed on the rail.')", timeout=3000)
        print("story saved: page reloaded with new text; state reset:", page.evaluate("window.__marker") is None)
        # 3. Broken front matter: error page; then fix: recovers.
        original = open(f"{work}/seeds/{story}").read()
        with open(f"{work}/seeds/{story}", "w") as f: f.write("---\ntitle: [broken\n---\n" + original)
        page.wait_for_function("document.documentElement.dataset.anthologyError !== undefined", timeout=3000)
        print("error page shown:", page.locator("pre").inner_text().splitlines()[0])
        with open(f"{work}/seeds/{story}", "w") as f: f.write(original)
        page.wait_for_function("document.documentElement.dataset.anthologyError === undefined && document.body.innerText.includes('A heron')", timeout=3000)
        print("recovered after the good save:", page.title())
        on_disk = open(f"{work}/public/index.html").read()
        print("script on disk:", "data-anthology-live-reload" in on_disk)
        browser.close()
finally:
    server.send_signal(2)
    server.wait(timeout=5)
    print("server exit code", server.returncode)
