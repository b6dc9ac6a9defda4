"""The type stubs ship with the package and describe exactly what the module has."""

import ast
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tonelint

PACKAGE = Path(tonelint.__file__).parent
STUB = ast.parse((PACKAGE / "__init__.pyi").read_text(encoding="utf-8"))


def public(name):
    return not name.startswith("_")


def stub_names():
    """Top-level names the stub declares, with their nodes."""
    names = {}
    for node in STUB.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names[target.id] = node
    return names


def stub_classes():
    return {n: node for n, node in stub_names().items() if isinstance(node, ast.ClassDef)}


def members(node):
    return {item.name: item for item in node.body if isinstance(item, ast.FunctionDef)}


def test_the_stub_and_py_typed_are_installed():
    assert (PACKAGE / "__init__.pyi").is_file()
    assert (PACKAGE / "py.typed").is_file()


def test_every_public_name_in_the_stub_exists_and_back():
    declared = {n for n in stub_names() if public(n)}
    runtime = {n for n in dir(tonelint) if public(n)}
    assert declared == runtime
    assert sorted(tonelint.__all__) == sorted(declared | {"__version__"})
    assert "__version__" in stub_names()


@pytest.mark.parametrize("name", sorted(stub_classes()))
def test_class_members_match(name):
    cls = getattr(tonelint, name)
    assert isinstance(cls, type)
    declared = members(stub_classes()[name])
    for member in declared:
        assert hasattr(cls, member), f"{name}.{member} is in the stub only"
    runtime = {m for m in vars(cls) if public(m)}
    assert runtime == {m for m in declared if public(m)}, name
    # A property in the stub is a getter at run time; a method is a method.
    for member, node in declared.items():
        if not public(member):
            continue
        is_property = any(
            isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list
        )
        assert is_property == (type(vars(cls)[member]).__name__ == "getset_descriptor"), (
            f"{name}.{member}"
        )


def test_exception_base():
    node = stub_classes()["Error"]
    assert [b.id for b in node.bases] == ["ValueError"]
    assert tonelint.Error.__mro__[1] is ValueError


def parameters(node):
    args = node.args
    names = [(a.arg, "positional") for a in args.posonlyargs + args.args]
    names += [(a.arg, "keyword") for a in args.kwonlyargs]
    return [(n, kind) for n, kind in names if n not in ("self", "cls")]


def runtime_parameters(function):
    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: "positional",
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
        inspect.Parameter.KEYWORD_ONLY: "keyword",
    }
    try:
        signature = inspect.signature(function)
    except ValueError:
        # PyO3 cannot give a class a signature through the abi3 API before Python 3.10.
        if sys.version_info < (3, 10) and isinstance(function, type):
            pytest.skip("no class signatures in abi3 on Python 3.9")
        raise
    return [(p.name, kinds[p.kind]) for p in signature.parameters.values() if p.name != "self"]


@pytest.mark.parametrize(
    "stub, function",
    [
        (lambda: stub_names()["check"], lambda: tonelint.check),
        (lambda: members(stub_classes()["Linter"])["__new__"], lambda: tonelint.Linter),
        (lambda: members(stub_classes()["Linter"])["check"], lambda: tonelint.Linter.check),
        (lambda: members(stub_classes()["Linter"])["rules"], lambda: tonelint.Linter.rules),
        (
            lambda: members(stub_classes()["Linter"])["is_enabled"],
            lambda: tonelint.Linter.is_enabled,
        ),
    ],
)
def test_signatures_match(stub, function):
    assert parameters(stub()) == runtime_parameters(function())


def mypy(args, tmp_path):
    """Runs mypy (or a tool of its package) with its cache and working directory in tmp_path,
    so that nothing is written into the source tree."""
    pytest.importorskip("mypy", reason="run-tests.sh installs mypy (tests/requirements.txt)")
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / "mypy-cache"))
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def test_mypy_stubtest_finds_no_difference(tmp_path):
    """mypy's stubtest compares every signature and type in the stub with the module."""
    result = mypy(["mypy.stubtest", "tonelint"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_accepts_the_readme_examples(tmp_path):
    """The stub types the documented usage without complaint."""
    readme = Path(__file__).resolve().parent.parent / "README.md"
    examples = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    (tmp_path / "examples").mkdir()
    for number, example in enumerate(examples):
        (tmp_path / "examples" / f"example_{number}.py").write_text(example, encoding="utf-8")
    result = mypy(["mypy", "--strict", "examples"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
