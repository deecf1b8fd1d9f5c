#!/usr/bin/env python3
"""Counts what the dotnet test runs of .ci/run did, from their TRX files, and judges them.

usage: summarize.py ALLOWED_SKIPS TESTS_DIR RUN... [--extra NAME=passed|failed ...]
  RUN is LABEL=FILE.trx for a full run, or LABEL=FILE.trx@CATEGORY for a rerun of the tests of
  one NUnit category, which must run every test of that category the full run ran.
  --extra adds a check that is not a dotnet test (the cross-check's files, the oracle's self-tests).

Prints each run's passed, failed and skipped counts, then the distinct tests over all runs (a test
that failed in any run is failed, one that only skipped is skipped) as the plain last line
"N passed, N failed, N skipped". Exits 1 when a test failed, no test ran, a rerun matched fewer
tests than its category has, or a test skipped that ALLOWED_SKIPS does not list with a reason.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def read_trx(path):
    """{test key: outcome} of one TRX file; key = class name + '.' + test name (with its arguments)."""
    if not os.path.exists(path):
        return None
    root = ET.parse(path).getroot()
    classes = {}
    for test in root.iter(NS + "UnitTest"):
        method = test.find(NS + "TestMethod")
        classes[test.get("id")] = method.get("className") if method is not None else ""
    results = {}
    for result in root.iter(NS + "UnitTestResult"):
        key = classes.get(result.get("testId"), "") + "." + result.get("testName")
        outcome = {"Passed": "passed", "NotExecuted": "skipped", "Inconclusive": "skipped"}.get(result.get("outcome"), "failed")
        # A test reported twice in one run (a retried data row) counts once, failed if either failed.
        if results.get(key) != "failed":
            results[key] = outcome
    return results


def category_classes(tests_dir, category):
    """Full names of the test classes marked [Category("CATEGORY")] in the C# sources under tests_dir."""
    found = set()
    pattern = re.compile(r'\[Category\("' + re.escape(category) + r'"\)\][^{;]*?\bclass\s+(\w+)', re.S)
    for folder, _, files in os.walk(tests_dir):
        if "/bin" in folder or "/obj" in folder:
            continue
        for name in files:
            if name.endswith(".cs"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                namespace = re.search(r"^namespace\s+([\w.]+)", text, re.M)
                for m in pattern.finditer(text):
                    found.add((namespace.group(1) + "." if namespace else "") + m.group(1))
    return found


def read_allowed(path):
    """{test key: reason} from the allow-list; lines 'KEY<tab or 2+ spaces>REASON', # comments."""
    allowed = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = re.split(r"\t+| {2,}", line, maxsplit=1)
            if len(parts) == 2 and parts[1].strip():
                allowed[parts[0]] = parts[1].strip()
            else:
                print(f"ci: {path}: '{line}' gives no reason; it allows nothing")
    return allowed


def main(argv):
    allowed_path, tests_dir = argv[1], argv[2]
    runs, extras = [], []
    args = argv[3:]
    while args:
        a = args.pop(0)
        if a == "--extra":
            name, outcome = args.pop(0).rsplit("=", 1)
            extras.append((name, outcome))
        else:
            label, rest = a.split("=", 1)
            path, _, category = rest.partition("@")
            runs.append((label, path, category or None))

    ok = True
    distinct = {}
    full = {}
    for label, path, category in runs:
        results = read_trx(path)
        if results is None:
            print(f"ci: {label}: no results ({path} missing: the build or the test host failed)")
            ok = False
            continue
        counts = {o: sum(1 for v in results.values() if v == o) for o in ("passed", "failed", "skipped")}
        print(f"ci: {label}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
        if category is None:
            full.update(results)
        else:
            classes = category_classes(tests_dir, category)
            expected = {k for k in full if any(k.startswith(c + ".") for c in classes)}
            missing = expected - set(results)
            if not results or not expected or missing:
                print(f"ci: {label}: the filter for category {category} matched {len(results)} tests; "
                      f"the full run ran {len(expected)} of that category")
                for key in sorted(missing)[:10]:
                    print(f"ci:   not rerun: {key}")
                ok = False
        for key, outcome in results.items():
            before = distinct.get(key)
            if before == "failed" or (before == "passed" and outcome == "skipped"):
                continue
            distinct[key] = outcome
    for name, outcome in extras:
        print(f"ci: {name}: {outcome}")
        distinct["extra." + name] = outcome

    allowed = read_allowed(allowed_path)
    for key in sorted(k for k, v in distinct.items() if v == "skipped"):
        if key in allowed:
            print(f"ci: skipped (allowed: {allowed[key]}): {key}")
        else:
            print(f"ci: skipped and not in {os.path.basename(allowed_path)}: {key}")
            ok = False
    for key in sorted(k for k, v in distinct.items() if v == "failed"):
        print(f"ci: failed: {key}")

    passed = sum(1 for v in distinct.values() if v == "passed")
    failed = sum(1 for v in distinct.values() if v == "failed")
    skipped = sum(1 for v in distinct.values() if v == "skipped")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if ok and failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
