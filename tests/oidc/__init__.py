"""A real OpenID Connect provider for the tests and browser journeys: npm's `oidc-provider`,
run with the machine's node (installed by `make venv` from tests/oidc/package-lock.json) on a
free port of 127.0.0.1. Nothing about it is mocked: our app discovers it, is redirected to it,
exchanges the code with PKCE and checks its signed ID tokens.
"""

import json
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLIENT_ID = "helsefellesskap"
CLIENT_SECRET = "test-only-client-secret"  # noqa: S105
PROVIDER_IDS = ["testidp", "idporten", "otheridp", "tampered"]

# The people the provider knows. Their e-mail addresses match the test cast's accounts.
ACCOUNTS = {
    "kari": {"email": "rep.a@example.org", "email_verified": True, "name": "Kari Nordmann"},
    "stranger": {"email": "nobody@example.org", "email_verified": True, "name": "Ukjent"},
    "unverified": {"email": "fin.x@example.org", "email_verified": False, "name": "Uverifisert"},
    "ola": {"email": "rep.b@example.org", "email_verified": True, "name": "Ola Nordmann",
            "pid": "24079426587", "acr": "idporten-loa-high"},
    "ola-substantial": {"email": "rep.b@example.org", "email_verified": True,
                        "name": "Ola Nordmann", "pid": "24079426587",
                        "acr": "idporten-loa-substantial"},
    "sekretariat": {"email": "sek@example.org", "email_verified": True, "name": "Sekretær"},
    "ny": {"email": "ny.sekretar@helgeland.example", "email_verified": True, "name": "Nora Ny"},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OidcProvider:
    def __init__(self, site_url, port=None, accounts=ACCOUNTS):
        self.port = port or free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.site_url = site_url.rstrip("/")
        self.accounts = accounts
        self.process = None

    def start(self):
        node = shutil.which("node")
        if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
            raise RuntimeError("node and tests/oidc/node_modules are needed: run `make venv`.")
        self._config = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)  # noqa: SIM115
        json.dump({
            "port": self.port,
            "clients": [{
                "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                "redirect_uris": [f"{self.site_url}/konto/oidc/{provider_id}/tilbake/"
                                  for provider_id in PROVIDER_IDS],
            }],
            "accounts": self.accounts,
        }, self._config)
        self._config.close()
        self.process = subprocess.Popen([node, str(HERE / "provider.mjs"), self._config.name],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, cwd=HERE)
        said = []
        while not (said and said[-1].startswith("ready")):
            line = self.process.stdout.readline()
            if not line:  # ended before it was ready
                raise RuntimeError("the OpenID provider did not start:\n" + "".join(said))
            said.append(line)  # the provider's development warnings come first
        return self

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()
        Path(self._config.name).unlink()

    def settings_entry(self, provider_id="testidp", name="Test-ID", **extra):
        """An entry of settings.OIDC_PROVIDERS for this provider."""
        return {"id": provider_id, "name": name, "client_id": CLIENT_ID,
                "secret": CLIENT_SECRET, "issuer": self.issuer, **extra}
