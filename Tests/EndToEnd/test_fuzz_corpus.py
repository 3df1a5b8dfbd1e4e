"""Every input in the committed fuzz corpus, crash reproducers included, replays cleanly through
its target built without the fuzzer (each target's replay mode): found crashes stay fixed."""

import pathlib
import subprocess

import pytest

from sandbox_proof import bin_dir

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "FuzzCorpus"
TARGETS = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def test_every_target_has_a_seed_corpus():
    assert TARGETS == ["FuzzArguments", "FuzzConfig", "FuzzJSONRPC", "FuzzSanitizer"]


@pytest.mark.parametrize("target", TARGETS)
def test_corpus_replays_cleanly(target):
    inputs = sorted((CORPUS / target).iterdir())
    assert inputs
    done = subprocess.run([str(bin_dir() / target), *map(str, inputs)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-2000:])
