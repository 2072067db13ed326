"""JUnit XML, for CI test tabs: a test case per rule and story, a failure per discrepancy, and
a skipped test case per input that could not be read.

ElementTree escapes markup but writes control characters as they are, and one ESC byte from an
article makes the file unparsable; the finished document goes through `for_xml`.
"""
from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from checker.model import Discrepancy, Report
from checker.report.untrusted import for_xml


class JunitReporter:
    name = "junit"

    def render(self, report: Report) -> str:
        by_case: dict[tuple[str, str], list[Discrepancy]] = defaultdict(list)
        for discrepancy in report.discrepancies:
            by_case[(discrepancy.rule, discrepancy.story)].append(discrepancy)
        stories = sorted({s.story or "" for s in report.sources})
        by_id = {c.id: c for c in report.claims}
        suites = ET.Element("testsuites", name="crosscheck")
        total = failures = 0
        for rule in sorted(report.rules, key=lambda r: r.id):  # type: ignore[attr-defined]
            suite = ET.SubElement(suites, "testsuite", name=f"{rule.id} {rule.slug}")  # type: ignore[attr-defined]
            suite_failures = 0
            for story in stories:
                case = ET.SubElement(suite, "testcase", classname=f"crosscheck.{rule.slug}",  # type: ignore[attr-defined]
                                     name=f"{rule.id} story {story or '(all)'}")  # type: ignore[attr-defined]
                for d in by_case.get((rule.id, story), []):  # type: ignore[attr-defined]
                    failure = ET.SubElement(case, "failure", type=d.severity,
                                            message=f"[{d.severity}] {d.topic}: {d.reason}")
                    failure.text = d.message + "\n" + "\n".join(
                        f"  {by_id[c].source}: {by_id[c].text} | {by_id[c].sentence}" for c in d.claims if c in by_id)
                    suite_failures += 1
            tests = len(stories)
            suite.set("tests", str(tests))
            suite.set("failures", str(suite_failures))
            total += tests
            failures += suite_failures
        if report.skipped:
            _inputs_suite(suites, report)
            total += len(report.skipped)
        suites.set("tests", str(total))
        suites.set("failures", str(failures))
        suites.set("skipped", str(len(report.skipped)))
        ET.indent(suites)
        return for_xml('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n")


def _inputs_suite(suites: ET.Element, report: Report) -> None:
    """One test case per skipped input, marked skipped with its reason."""
    suite = ET.SubElement(suites, "testsuite", name="inputs", tests=str(len(report.skipped)), failures="0",
                          skipped=str(len(report.skipped)))
    for skipped in report.skipped:
        case = ET.SubElement(suite, "testcase", classname="crosscheck.inputs", name=skipped.path)
        ET.SubElement(case, "skipped", message=skipped.error)
