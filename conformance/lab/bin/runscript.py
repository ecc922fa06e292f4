#!/usr/bin/python3
"""The conformance lab's script runner (called by `lab.sh run`; stdlib only).

Reads a script (file or '-' = stdin): one command per line, '\\' continues a line,
blank lines and '#' comments are skipped. Each line is executed by /bin/bash -c,
as root, inside the engine's Debian userland (its docker CLI, iproute2, iptables, curl,
ping, dig, brctl, ifconfig...), with the network namespace and hostname of the
current server (srv1 = default). So `docker ...` lines talk to that server's
dockerd, and non-docker lines (curl localhost:8080, ip addr, iptables -t nat -S)
run "on the docker host". Nothing can reach the real network.

Directives (comment lines):
  # @srv1 | # @srv2 | # @host srv2   current server for the following lines
  # netsim: on server2               the same, as netsim's scripts say it (server1/server2)
  other '# netsim: …' lines          netsim's own (expectations, image facts): skipped here
  # @timeout N                       per-line timeout (s) for the following lines (default 30)
  # @pty  / # @nopty                 force / forbid a pseudo-terminal for the NEXT line
  # @input TEXT                      keystrokes for the NEXT line (\\n, \\t, \\x04 escapes)
Per line, `docker -H srv2 ...` (or server2) addresses the other daemon.
A line that is only `cd DIR` sets the directory of the following lines (each line is a fresh
shell; the first starts in /root, emptied of earlier scripts' files when the run starts). A
here-document (`cat > compose.yaml <<'EOF'` … `EOF`) belongs to the line that opens it.

TTY policy: a foreground `docker run/create/exec/start/attach` carrying -t/--tty
(or `start -i`, `attach`) runs under a pseudo-terminal (80x24); the runner types
the @input text if any, then Ctrl-D (EOF) -- i.e. an interactive shell sees EOF and
exits at once. Output of such lines is what a terminal would receive (CRLF line
ends, echo of typed input, prompts).

Output: JSON list of {line, command, host, exit_code, stdout, stderr, tty,
timed_out, duration_s}; a line that times out is killed (exit_code 124).
"""

import contextlib
import fcntl
import json
import os
import pty
import re
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAXOUT = 1 << 20
SERVERS = {"server1": "srv1", "server2": "srv2"}
# a here-document's operator: <<WORD, <<'WORD', <<"WORD", <<-WORD (bash(1) "Here Documents")
HEREDOC = re.compile(r"<<(?P<dash>-?)\s*(?P<q>['\"]?)(?P<word>[A-Za-z_][A-Za-z0-9_]*)(?P=q)")
# a line that is only `cd DIR`: the directory of the following lines, as in a terminal
CD = re.compile(r"^cd(?:\s+(?P<dir>\S+))?\s*$")

RUN_BOOL_SHORT = set("dtiPq")
RUN_VAL_SHORT = set("acehlmpuvw")
RUN_BOOL_LONG = {
    "--detach",
    "--tty",
    "--interactive",
    "--rm",
    "--privileged",
    "--init",
    "--read-only",
    "--publish-all",
    "--oom-kill-disable",
    "--no-healthcheck",
    "--disable-content-trust",
    "--quiet",
    "--help",
    "--sig-proxy",
    "--use-api-socket",
    "--attach-stdin",
    "--checkpoint-dir",
}
GLOBAL_VAL = {
    "-H",
    "--host",
    "-c",
    "--context",
    "-l",
    "--log-level",
    "--config",
    "--tlscacert",
    "--tlscert",
    "--tlskey",
}


def docker_tty_mode(line):
    """Return (use_pty, reason) for a script line (best-effort CLI flag parsing)."""
    try:
        toks = shlex.split(line, comments=False)
    except ValueError:
        return False, "unparsable"
    # find first 'docker' token (allow VAR=x prefixes)
    i = 0
    while i < len(toks) and "=" in toks[i] and not toks[i].startswith("-"):
        i += 1
    if i >= len(toks) or os.path.basename(toks[i]) != "docker":
        return False, "not docker"
    i += 1
    while i < len(toks) and toks[i].startswith("-"):
        t = toks[i]
        i += 2 if (t in GLOBAL_VAL and "=" not in t) else 1
    if i >= len(toks):
        return False, ""
    sub = toks[i]
    i += 1
    if sub == "container" and i < len(toks):
        sub = toks[i]
        i += 1
    if sub not in ("run", "create", "exec", "start", "attach"):
        return False, ""
    if sub == "attach":
        return True, "attach"
    flags = set()
    while i < len(toks):
        t = toks[i]
        if t == "--":
            break
        if t.startswith("--"):
            name = t.split("=", 1)[0]
            if "=" in t:
                if name in ("--tty", "--interactive", "--detach") and t.split("=", 1)[1] in (
                    "true",
                    "1",
                ):
                    flags.add(name)
                i += 1
            elif name in RUN_BOOL_LONG:
                flags.add(name)
                i += 1
            else:
                i += 2
        elif t.startswith("-") and len(t) > 1:
            j, consumed_next = 1, False
            while j < len(t):
                c = t[j]
                if c in RUN_VAL_SHORT and sub != "start":
                    if j == len(t) - 1:
                        consumed_next = True
                    break
                flags.add(
                    {"d": "--detach", "t": "--tty", "i": "--interactive", "a": "--attach"}.get(
                        c, "-" + c
                    )
                )
                j += 1
            i += 2 if consumed_next else 1
        else:
            break  # image / container name
    if "--detach" in flags:
        return False, "detached"
    if sub in ("run", "exec") and "--tty" in flags:
        return True, sub + " -t"
    if sub == "start" and "--interactive" in flags:
        return True, "start -i"
    return False, ""


def read_script(path):
    if path == "-":
        text = sys.stdin.read()
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    out, buf, start = [], "", None
    lines = text.splitlines()
    n = 0
    while n < len(lines):
        s = lines[n].rstrip("\r")
        n += 1
        if buf == "":
            if s.strip() == "":
                continue
            start = n
        if s.endswith("\\") and not s.endswith("\\\\"):
            buf += s[:-1] + " "
            continue
        buf += s
        m = None if buf.lstrip().startswith("#") else HEREDOC.search(buf)
        if m:  # a here-document: its lines, up to the delimiter, belong to the command
            word, body = m.group("word"), []
            while n < len(lines):
                raw = lines[n].rstrip("\r")
                n += 1
                if (raw.lstrip("\t") if m.group("dash") else raw) == word:
                    break
                body.append(raw)
            buf = buf.strip() + "\n" + "".join(b + "\n" for b in body) + word
            out.append((start, buf))
        else:
            out.append((start, buf.strip()))
        buf = ""
    if buf.strip():
        out.append((start, buf.strip()))
    return out


def dockerd_pid(srv):
    try:
        with open(f"/run/netsim-{srv}/dockerd.pid") as f:
            p = int(f.read().strip())
        os.kill(p, 0)
        return p
    except Exception:
        return None


def unescape(s):
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1")


def run_line(srv, line, timeout, use_pty, stdin_bytes, cwd="/root"):
    pid = dockerd_pid(srv)
    if pid is None:
        return dict(
            exit_code=None, stdout="", stderr=f"lab: daemon {srv} is not running", timed_out=False
        )
    argv = [
        "nsenter",
        "-t",
        str(pid),
        "--net",
        "--uts",
        "unshare",
        "--mount",
        "--propagation",
        "private",
        f"{LAB}/bin/linerun.sh",
        srv,
    ]
    env = {
        "LAB_LINE": line,
        "LAB_CWD": cwd,
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "TERM": "xterm",
        "NETSIM_LAB_ROOT": os.environ["NETSIM_LAB_ROOT"],
        "NETSIM_LAB_STATE": os.environ["NETSIM_LAB_STATE"],
    }
    timed_out = False
    if not use_pty:
        p = subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.PIPE if stdin_bytes else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            out, err = p.communicate(input=stdin_bytes, timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(p.pid, signal.SIGTERM)
            time.sleep(0.3)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            out, err = p.communicate()
        rc = 124 if timed_out else p.returncode
        return dict(
            exit_code=rc,
            stdout=out[:MAXOUT].decode("utf-8", "replace"),
            stderr=err[:MAXOUT].decode("utf-8", "replace"),
            timed_out=timed_out,
        )
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    p = subprocess.Popen(
        argv, env=env, stdin=slave, stdout=slave, stderr=subprocess.PIPE, start_new_session=True
    )
    os.close(slave)
    out, err = bytearray(), bytearray()
    t0 = time.time()
    pending = [(0.5, (stdin_bytes or b"")), (0.8 if stdin_bytes else 0.5, b"\x04")]
    fds = {master: out, p.stderr.fileno(): err}
    while fds:
        now = time.time() - t0
        while pending and now >= pending[0][0]:
            data = pending.pop(0)[1]
            if data:
                with contextlib.suppress(OSError):
                    os.write(master, data)
        if now > timeout:
            timed_out = True
            try:
                os.killpg(p.pid, signal.SIGTERM)
                time.sleep(0.3)
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            break
        r, _, _ = select.select(list(fds), [], [], 0.05)
        for fd in r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                del fds[fd]
            else:
                fds[fd].extend(chunk)
    p.wait()
    os.close(master)
    rc = 124 if timed_out else p.returncode
    return dict(
        exit_code=rc,
        stdout=bytes(out[:MAXOUT]).decode("utf-8", "replace"),
        stderr=bytes(err[:MAXOUT]).decode("utf-8", "replace"),
        timed_out=timed_out,
    )


def clear_home():
    """Empty /root of the hosts' userland (files earlier scripts wrote there): each script
    starts, as on a new machine, in an empty home directory."""
    home = os.path.join(os.environ["NETSIM_LAB_STATE"], "images/build/hostland/root")
    if not os.path.isdir(home):
        return
    for name in os.listdir(home):
        if name.startswith("."):
            continue  # the shell's and docker's own files (.bashrc, .docker)
        path = os.path.join(home, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)


def main():
    args = sys.argv[1:]
    timeout = 30.0
    if "--timeout" in args:
        k = args.index("--timeout")
        timeout = float(args[k + 1])
        del args[k : k + 2]
    if len(args) != 1:
        print("usage: lab.sh run [--reset|--fresh] [--timeout S] SCRIPT|-", file=sys.stderr)
        sys.exit(2)
    srv, force_pty, stdin_next, cwd = "srv1", None, None, "/root"
    results, T0 = [], time.time()
    clear_home()
    for n, line in read_script(args[0]):
        if line.startswith("#"):
            d = line.lstrip("#").strip()
            if d.startswith("netsim:"):
                words = d[len("netsim:") :].split()
                if words[:1] == ["on"] and len(words) > 1:
                    srv = SERVERS.get(words[1], words[1])
            elif d in ("@srv1", "@srv2"):
                srv = d[1:]
            elif d.startswith("@host "):
                srv = SERVERS.get(d.split()[1], d.split()[1])
            elif d.startswith("@timeout "):
                timeout = float(d.split()[1])
            elif d == "@pty":
                force_pty = True
            elif d == "@nopty":
                force_pty = False
            elif d.startswith("@input "):
                stdin_next = unescape(d[len("@input ") :])
            continue
        auto_pty, _ = docker_tty_mode(line)
        use_pty = auto_pty if force_pty is None else force_pty
        t = time.time()
        r = run_line(srv, line, timeout, use_pty, stdin_next, cwd)
        cd = CD.match(line)
        if cd and r["exit_code"] == 0:  # each line is a fresh shell: the runner keeps the cwd
            target = cd.group("dir") or "~"
            target = "/root" + target[1:] if target.startswith("~") else target
            cwd = os.path.normpath(os.path.join(cwd, target))
        results.append(
            dict(
                line=n,
                command=line,
                host=srv,
                exit_code=r["exit_code"],
                stdout=r["stdout"],
                stderr=r["stderr"],
                tty=use_pty,
                timed_out=r["timed_out"],
                duration_s=round(time.time() - t, 3),
            )
        )
        force_pty, stdin_next = None, None
    json.dump(results, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    print(f"[lab] {len(results)} commands in {time.time() - T0:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
