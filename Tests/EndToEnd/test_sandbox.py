"""Each forbidden action fails inside the production sandbox, each allowed one works."""

import pytest

from sandbox_proof import allowed_path, bin_dir, list_probes, run_probe

PROBE = bin_dir() / "sandbox-probe"
PROBES = list_probes(PROBE) if PROBE.exists() else []


def test_the_proof_covers_at_least_thirty_forbidden_actions():
    forbidden = [name for name, expected in PROBES if expected != "allowed"]
    assert len(forbidden) >= 30, forbidden


@pytest.mark.parametrize("name,expected", PROBES, ids=[name for name, _ in PROBES])
def test_probe(name, expected):
    assert run_probe(PROBE, name, 8443, 8444) == expected


def test_the_sandboxed_server_still_serves():
    assert allowed_path(bin_dir() / "coolify-mcp") == "allowed"
