"""Real Syncthing daemons on loopback, each carrying one device's sync folder to the others.

`SyncthingMesh(root, names)` generates a Syncthing identity per name, writes each a config that
talks only to the others on 127.0.0.1 (no discovery, relays, NAT traversal, upgrades or usage
reports), shares one folder among all of them, starts the daemons and stops them on `close`.
`settle()` waits until every folder holds the same bundle files (Syncthing's own temporary
files aside), which is when a sync on any device sees what the others wrote.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

FOLDER_ID = "liaison-sync"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Node:
    name: str
    home: Path
    folder: Path
    device_id: str
    listen: int
    gui: int
    api_key: str
    process: subprocess.Popen[bytes] | None = None


class SyncthingMesh:
    def __init__(self, binary: str, root: Path, names: list[str]) -> None:
        self.binary = binary
        self.nodes: dict[str, Node] = {}
        for name in names:
            home = root / f"{name}-syncthing"
            folder = root / f"{name}-sync-folder"
            folder.mkdir(parents=True)
            subprocess.run(
                [binary, "generate", f"--home={home}", "--no-default-folder",
                 "--skip-port-probing"],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
            device_id = subprocess.run(
                [binary, "serve", f"--home={home}", "--device-id"],
                check=True, capture_output=True, text=True, timeout=60,
            ).stdout.strip()  # fmt: skip
            self.nodes[name] = Node(
                name, home, folder, device_id, free_port(), free_port(), secrets.token_hex(16)
            )
        for node in self.nodes.values():
            self._configure(node)

    def _configure(self, node: Node) -> None:
        path = node.home / "config.xml"
        tree = ET.parse(path)
        config = tree.getroot()
        for old in config.findall("device") + config.findall("folder"):
            config.remove(old)
        for other in self.nodes.values():
            device = ET.SubElement(
                config,
                "device",
                id=other.device_id,
                name=other.name,
                compression="metadata",
                introducer="false",
            )
            ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.listen}"
        folder = ET.Element(
            "folder",
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(node.folder),
            type="sendreceive",
            rescanIntervalS="2",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for other in self.nodes.values():
            ET.SubElement(folder, "device", id=other.device_id)
        ET.SubElement(folder, "markerName").text = ".stfolder"
        config.insert(0, folder)
        (node.folder / ".stfolder").mkdir(exist_ok=True)
        gui = config.find("gui")
        assert gui is not None
        gui.set("enabled", "true")
        gui.set("tls", "false")
        address = gui.find("address")
        assert address is not None
        address.text = f"127.0.0.1:{node.gui}"
        key = gui.find("apikey")
        if key is None:
            key = ET.SubElement(gui, "apikey")
        key.text = node.api_key
        options = config.find("options")
        assert options is not None
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{node.listen}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "startBrowser": "false",
            "urAccepted": "-1",
            "crashReportingEnabled": "false",
            "autoUpgradeIntervalH": "0",
        }
        for tag, value in settings.items():
            for element in options.findall(tag):
                options.remove(element)
            ET.SubElement(options, tag).text = value
        tree.write(path)

    def start(self) -> None:
        env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1"}
        for node in self.nodes.values():
            log = open(node.home / "daemon.log", "wb")  # noqa: SIM115 (closed with the process)
            node.process = subprocess.Popen(
                [self.binary, "serve", f"--home={node.home}", "--no-browser", "--no-restart",
                 "--logflags=0"],
                stdout=log, stderr=subprocess.STDOUT, env=env,
            )  # fmt: skip

    def bundle_names(self, name: str) -> set[str]:
        folder = self.nodes[name].folder
        return {
            p.name
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith((".syncthing.", "~syncthing~"))
        }

    def settle(self, timeout: float = 90.0) -> None:
        """Wait until every folder holds the same files (and they stay so for a moment)."""
        end = time.monotonic() + timeout
        same_since: float | None = None
        while time.monotonic() < end:
            sets = [self.bundle_names(n) for n in self.nodes]
            if all(s == sets[0] for s in sets):
                same_since = same_since or time.monotonic()
                if time.monotonic() - same_since > 2.5:
                    return
            else:
                same_since = None
            time.sleep(0.25)
        logs = {n.name: (n.home / "daemon.log").read_text(errors="replace")[-2000:]
                for n in self.nodes.values()}  # fmt: skip
        raise TimeoutError(f"the folders did not converge: {sets}\n{logs}")

    def close(self) -> None:
        for node in self.nodes.values():
            if node.process is not None and node.process.poll() is None:
                node.process.terminate()
        for node in self.nodes.values():
            if node.process is not None:
                try:
                    node.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    node.process.kill()
                    node.process.wait(timeout=20)
            shutil.rmtree(node.home / "index-v0.14.0.db", ignore_errors=True)
