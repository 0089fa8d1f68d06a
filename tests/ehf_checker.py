"""The official EHF checker (../shared/standards/validate-ehf) run over many documents in one
process: compiling the rules takes seconds, each document then a fraction of one."""

import subprocess
import sys
from pathlib import Path

STANDARDS = Path(__file__).resolve().parent.parent.parent / "shared" / "standards"
VALIDATE_EHF = STANDARDS / "validate-ehf"


def run(paths):
    """{path: (fatal rule ids, every problem line)} for each path, and the checker's exit
    code."""
    paths = [str(path) for path in paths]
    result = subprocess.run([sys.executable, str(VALIDATE_EHF), *paths], capture_output=True,
                            text=True, timeout=600, check=False)
    report = {path: ([], []) for path in paths}
    for line in result.stdout.splitlines():
        name, _sep, rest = line.partition("  ")
        if name in report and rest:
            fields = rest.split("  ")
            if len(fields) >= 3:
                report[name][1].append(line)
                if fields[2] == "fatal":
                    report[name][0].append(fields[1])
    return report, result.returncode, result.stdout + result.stderr
