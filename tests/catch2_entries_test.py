"""Every CTest entry of a Catch2 executable runs exactly one test case.

    python3 catch2_entries_test.py CTEST BUILD_DIR EXECUTABLE...

catch_discover_tests makes one CTest entry per Catch2 test case, named after it and
running the executable with the name as its test spec. A name holding ';' is a CMake
list: it becomes two entries whose specs match nothing, and Catch2 then prints
"No tests ran" and exits 0, so CTest reports a pass for a test that never ran. This
script fails when
  - a Catch2 test name holds ';' (or starts or ends with a space, which the spec
    would not keep);
  - a CTest entry of EXECUTABLE selects no test case, or more than one, or another
    than its name says;
  - a test case of EXECUTABLE has no CTest entry of its own.
"""
import json
import subprocess
import sys


def names(executable, spec=None):
    """The test case names EXECUTABLE lists (for SPEC when given)."""
    command = [executable] + ([spec] if spec is not None else []) + ["--list-test-names-only"]
    run = subprocess.run(command, capture_output=True, text=True)
    return [line for line in run.stdout.splitlines() if line.strip()]


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    ctest, build_dir, executables = sys.argv[1], sys.argv[2], sys.argv[3:]
    problems = []
    listed = {}
    for executable in executables:
        listed[executable] = names(executable)
        if not listed[executable]:
            problems.append(f"{executable} lists no test case")
        for name in listed[executable]:
            if ";" in name:
                problems.append(f"{executable}: test name holds ';' (CMake splits it into two entries "
                                f"that run nothing): {name!r}")
            if name != name.strip():
                problems.append(f"{executable}: test name starts or ends with a space: {name!r}")

    shown = subprocess.run([ctest, "--show-only=json-v1"], cwd=build_dir, capture_output=True, text=True)
    if shown.returncode != 0:
        print(f"catch2_entries: {ctest} --show-only=json-v1 failed: {shown.stderr}", file=sys.stderr)
        return 1
    covered = {executable: set() for executable in executables}
    entries = 0
    for test in json.loads(shown.stdout)["tests"]:
        command = test.get("command") or []
        if not command or command[0] not in covered:
            continue
        entries += 1
        executable = command[0]
        entry = test["name"]
        if len(command) < 2:
            problems.append(f"CTest entry {entry!r} gives {executable} no test spec: it would run every test")
            continue
        selected = names(executable, command[1])
        if len(selected) != 1:
            problems.append(f"CTest entry {entry!r} runs {len(selected)} test cases (spec {command[1]!r}): "
                            f"{selected[:3]}")
            continue
        if not entry.endswith(selected[0]):
            problems.append(f"CTest entry {entry!r} runs another test case: {selected[0]!r}")
        covered[executable].add(selected[0])
    for executable in executables:
        for name in listed[executable]:
            if name not in covered[executable]:
                problems.append(f"{executable}: test case {name!r} has no CTest entry of its own")

    for problem in problems:
        print("catch2_entries: FAIL: " + problem, file=sys.stderr)
    total = sum(len(v) for v in listed.values())
    print(f"catch2_entries: {total} test cases, {entries} CTest entries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
