#!/usr/bin/env python3
"""The README's GitHub Actions recipe, run the way GitHub would run its steps, in a scratch repo.

The workflow is read from the README (the ```yaml block after `<!-- recipe: github-actions -->`),
so the test proves what a user pastes. Each step runs as GitHub runs it: `run:` in bash -e with
`${{ ... }}` expressions filled in, `if:` evaluated; `actions/checkout` is the scratch repository
itself, and `actions/cache` is played by a local directory keyed by the step's `key` (restored
before, saved after the job, `cache-hit` set), which is what the real action does on a runner.
The one change to the pasted text: the placeholder repository URL points at a snapshot of this
checkout.

Proves: the first job installs tonelint (cache miss) and the second does not rebuild (cache hit,
the install step skipped); warnings are annotated (`::warning file=...`) without failing the job
when the repository's tonelint.toml sets `fail-on = "error"`; a finding at that threshold fails
the job with an `::error` annotation.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PLACEHOLDER = "https://example.org/your-mirror/tonelint"


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def workflow_steps():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    marker = readme.find("<!-- recipe: github-actions -->")
    if marker < 0:
        fail("README.md has no <!-- recipe: github-actions --> block")
    block = re.search(r"```yaml\n(.*?)```", readme[marker:], re.S)
    if not block:
        fail("no ```yaml block after the github-actions marker")
    steps = yaml.safe_load(block.group(1))
    if not isinstance(steps, list) or not steps:
        fail("the recipe is not a list of steps")
    return steps


def expand(text, outputs, env):
    def value(match):
        expr = match.group(1).strip()
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if step:
            return outputs.get(step.group(1), {}).get(step.group(2), "")
        if expr == "runner.os":
            return "Linux"
        if expr == "runner.temp":
            return env["RUNNER_TEMP"]
        fail(f"the recipe uses an expression this test does not know: {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))


def condition(expr, outputs, env):
    expr = expand(expr, outputs, env) if "${{" in str(expr) else str(expr)
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)\s*(!=|==)\s*'([^']*)'", expr.strip())
    if not match:
        fail(f"the recipe uses a condition this test does not know: {expr}")
    actual = outputs.get(match.group(1), {}).get(match.group(2), "")
    equal = actual == match.group(4)
    return equal if match.group(3) == "==" else not equal


def run_job(steps, workspace, cache_root, snapshot, env):
    """Runs the steps; returns (exit status of the failing or last step, output, steps run)."""
    outputs = {}
    saves = []
    log = []
    ran = []
    for step in steps:
        name = step.get("name") or step.get("uses") or "step"
        if "if" in step and not condition(step["if"], outputs, env):
            log.append(f"[skipped] {name}")
            continue
        ran.append(name)
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            continue
        if uses.startswith("actions/cache@"):
            with_ = step.get("with", {})
            key = expand(with_["key"], outputs, env)
            path = expand(with_["path"], outputs, env)
            # `~` is the runner's HOME, the scratch one, not this process's.
            if path.startswith("~/"):
                path = os.path.join(env["HOME"], path[2:])
            stored = os.path.join(cache_root, re.sub(r"[^\w.-]", "_", key))
            hit = os.path.isdir(stored)
            if hit:
                shutil.rmtree(path, ignore_errors=True)
                shutil.copytree(stored, path, symlinks=True)
            outputs[step.get("id", "")] = {"cache-hit": "true" if hit else "false"}
            if not hit:
                saves.append((path, stored))
            continue
        if uses:
            fail(f"the recipe uses an action this test does not play: {uses}")
        script = expand(step["run"], outputs, env).replace(PLACEHOLDER, "file://" + snapshot)
        result = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=workspace,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        log.append(f"[{name}]\n{result.stdout}")
        if result.returncode != 0:
            return result.returncode, "\n".join(log), ran
    # actions/cache saves in its post step, when the job succeeded.
    for path, stored in saves:
        if os.path.isdir(path):
            shutil.copytree(path, stored, symlinks=True)
    return 0, "\n".join(log), ran


def main():
    steps = workflow_steps()
    work = tempfile.mkdtemp()
    try:
        snapshot = os.path.join(work, "tonelint")
        subprocess.run(
            ["bash", "-c", f'source "{HERE}/lib.sh"; snapshot_checkout "{snapshot}" >/dev/null'],
            check=True,
        )
        workspace = os.path.join(work, "project")
        os.makedirs(os.path.join(workspace, "templates"))
        with open(os.path.join(workspace, "tonelint.toml"), "w") as f:
            f.write('fail-on = "error"\n')
        with open(os.path.join(workspace, "templates", "reminder.txt"), "w") as f:
            f.write("Your invoice is overdue. This delay is unacceptable.\n")
        home = os.path.join(work, "home")
        os.makedirs(home)
        env = dict(os.environ)
        # The runner's own HOME (a fresh one, so ~/... in the recipe lands in the scratch area);
        # the Rust toolchain is the runner's, as on GitHub's images.
        env.setdefault("RUSTUP_HOME", os.path.expanduser("~/.rustup"))
        env.setdefault("CARGO_HOME", os.path.expanduser("~/.cargo"))
        env["HOME"] = home
        env["RUNNER_TEMP"] = os.path.join(work, "runner-temp")
        os.makedirs(env["RUNNER_TEMP"])
        env["GITHUB_ACTIONS"] = "true"
        # Speed only, as in lib.sh: one shared target directory, no link-time optimisation.
        env["CARGO_TARGET_DIR"] = os.environ.get(
            "TONELINT_RECIPE_TARGET", os.path.join(ROOT, "target", "recipes")
        )
        env["CARGO_PROFILE_RELEASE_LTO"] = "false"
        env["CARGO_PROFILE_RELEASE_CODEGEN_UNITS"] = "16"
        cache_root = os.path.join(work, "actions-cache")
        os.makedirs(cache_root)

        print("-- GitHub Actions: first job (cache miss): installs, annotates, passes")
        start = time.time()
        status, log, ran = run_job(steps, workspace, cache_root, snapshot, env)
        print(log)
        if status != 0:
            fail(f"the first job failed (status {status}) on a template with only warnings")
        if "::warning file=templates/reminder.txt,line=1," not in log:
            fail("the warning was not annotated")
        first = time.time() - start

        print("-- GitHub Actions: second job (cache hit): no rebuild")
        start = time.time()
        status, log, ran = run_job(steps, workspace, cache_root, snapshot, env)
        print(log)
        second = time.time() - start
        if status != 0:
            fail(f"the second job failed (status {status})")
        if not any(line.startswith("[skipped]") for line in log.splitlines()):
            fail("no step was skipped on a cache hit: the install ran again")
        if "Compiling" in log or "Installing" in log:
            fail("the second job built tonelint again")
        print(f"first job {first:.0f} s, second {second:.1f} s")

        print("-- GitHub Actions: a finding at the configured threshold fails the job")
        with open(os.path.join(workspace, "tonelint.toml"), "w") as f:
            f.write('fail-on = "error"\n\n[severity]\n"aggressive.unacceptable" = "error"\n')
        status, log, ran = run_job(steps, workspace, cache_root, snapshot, env)
        print(log)
        if status == 0:
            fail("an error-level finding did not fail the job")
        if "::error file=templates/reminder.txt,line=1," not in log:
            fail("the error was not annotated")
        print("GitHub Actions recipe: OK")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
