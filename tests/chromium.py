"""A headless Chromium page driven over the DevTools protocol, for testing the HTML report.

Chromium listens on a loopback port of its own choosing (written to DevToolsActivePort in its
profile folder); the tests open one page, evaluate JavaScript in it, click, and take screenshots.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Page:
    """One browser tab. Use as a context manager: the browser is ended on exit."""

    def __init__(self, profile: Path, *, javascript: bool = True,
                 size: tuple[int, int] = (1200, 1600)) -> None:
        import websocket  # websocket-client, in the test extra

        binary = chromium_binary()
        if binary is None:
            raise RuntimeError("no Chromium found")
        self._process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--remote-debugging-port=0",
             f"--window-size={size[0]},{size[1]}",
             f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._port(profile / "DevToolsActivePort")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            pages = [t for t in json.load(answer) if t.get("type") == "page"]
        # Without an Origin header: Chromium 111 and later refuse a DevTools connection whose
        # origin it was not told to allow (--remote-allow-origins).
        self._socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60,
                                                   suppress_origin=True)
        self._ids = itertools.count(1)
        self._events: list[str] = []
        self.send("Page.enable")
        self.send("Runtime.enable")
        if not javascript:
            self.send("Emulation.setScriptExecutionDisabled", value=True)

    def _port(self, marker: Path) -> int:
        for _ in range(300):
            if marker.is_file() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self._process.poll() is not None:
                raise RuntimeError("Chromium exited at start")
            time.sleep(0.1)
        raise RuntimeError("Chromium did not open its DevTools port")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self._ids)
        self._socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if "method" in message:
                self._events.append(message["method"])
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def _wait_for(self, event: str) -> None:
        while event not in self._events:
            message = json.loads(self._socket.recv())
            if "method" in message:
                self._events.append(message["method"])

    def open(self, url: str) -> None:
        self._events.clear()
        self.send("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._socket.close()
        finally:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
