"""Aggregates `jfr print --events jdk.ExecutionSample` (stdin) into top-frame tables (bench/profile.sh).

Usage: jfr print --events jdk.ExecutionSample --stack-depth 96 rec.jfr | python3 profile-top.py NAME [TOP]
"""
import collections
import re
import sys

name = sys.argv[1] if len(sys.argv) > 1 else "process"
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
# Packages whose methods are listed in the inclusive table: what a change here can act on.
INTERESTING = ("io.zhengfeng.", "org.hibernate.", "com.mysql.", "io.opentelemetry.", "io.vertx.",
               "io.quarkus.", "io.smallrye.", "com.fasterxml.", "javax.crypto.", "com.sun.crypto.",
               "sun.security.", "java.util.regex.", "io.agroal.", "org.jboss.resteasy.",
               "com.arjuna.", "io.netty.", "org.apache.kafka.", "java.security.")
FRAME = re.compile(r"^\s+([\w$.<>]+)\(.*\)\s+line:")

samples = []
stack = None
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        stack = None
    elif "stackTrace = [" in line:
        stack = []
    elif stack is not None:
        m = FRAME.match(line)
        if m:
            stack.append(m.group(1))
        elif line.strip() == "]":
            samples.append(stack)
            stack = None

total = len(samples)
if total == 0:
    print(f"== {name}: no execution samples")
    sys.exit(0)

self_count = collections.Counter(s[0] for s in samples if s)
inclusive = collections.Counter()
first_project = collections.Counter()
for s in samples:
    inclusive.update(m for m in set(s) if m.startswith(INTERESTING))
    project = next((m for m in s if m.startswith("io.zhengfeng.")), "(no io.zhengfeng frame)")
    first_project[project] += 1


def table(title, counter):
    print(f"-- {title}")
    for method, n in counter.most_common(top):
        print(f"{100.0 * n / total:6.1f}%  {n:6d}  {method}")


print(f"== {name}: {total} execution samples")
table("self (top frame)", self_count)
table("inclusive (on the stack)", inclusive)
table("innermost io.zhengfeng frame", first_project)
