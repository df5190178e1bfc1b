#!/usr/bin/env python3
"""Checks a student edition's GitHub Classroom workflow.

Usage: check-classroom.py EDITION REFERENCE

The workflow must be valid YAML with the fields the classroom actions take: a command grader step
per stubbed stage (test-name, command, timeout, max-score) and the reporter naming every step in
`runners`, each with its `<ID>_RESULTS` variable. Then each step's command runs in the reference,
where it must pass, and in the edition, where it must fail: the stubs are not written yet.
"""
import subprocess
import sys

import yaml

GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"


def fail(message):
    print("classroom.yml: " + message, file=sys.stderr)
    sys.exit(1)


def main(edition, reference):
    with open(f"{edition}/.github/workflows/classroom.yml", encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    for key in ("name", "on", "permissions", "jobs"):
        if key not in workflow:
            fail(f"no '{key}'")
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if s.get("uses") == GRADER]
    reporters = [s for s in steps if s.get("uses") == REPORTER]
    if not graders:
        fail("no grader step")
    if len(reporters) != 1 or steps[-1] is not reporters[0]:
        fail("the reporter must be the one last step")
    ids = []
    for step in graders:
        with_ = step.get("with", {})
        for key in ("test-name", "command", "timeout", "max-score"):
            if key not in with_:
                fail(f"step {step.get('id')} has no '{key}'")
        if not isinstance(with_["max-score"], int) or with_["max-score"] <= 0:
            fail(f"step {step['id']}: max-score must be a positive number of points")
        ids.append(step["id"])
    runners = reporters[0]["with"]["runners"].split(",")
    if runners != ids:
        fail(f"runners {runners} are not the grader steps {ids}")
    for step_id in ids:
        variable = step_id.upper() + "_RESULTS"
        if reporters[0]["env"].get(variable) != "${{steps.%s.outputs.result}}" % step_id:
            fail(f"the reporter has no {variable} for step {step_id}")
    print(f"classroom.yml: {len(ids)} grader steps, {sum(s['with']['max-score'] for s in graders)} points")
    for step in graders:
        command = step["with"]["command"]
        for where, must_pass in ((reference, True), (edition, False)):
            run = subprocess.run(command, shell=True, cwd=where, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
            passed = run.returncode == 0
            label = "reference" if must_pass else "student edition"
            print(f"  {step['id']}: `{command}` on the {label}: {'passes' if passed else 'fails'}")
            if passed != must_pass:
                print(run.stdout[-4000:], file=sys.stderr)
                fail(f"step {step['id']} must {'pass on the reference' if must_pass else 'fail on the stubs'}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
