#!/usr/bin/env python3
"""Time from saving a briefing to the reload event of `brief serve`.

    bench/reload_time.py BRIEF SITE_DIR [RUNS]

Starts `brief serve --port 0`-like on a free port, opens the event stream, appends a line to
one briefing RUNS times (10), and prints the median and the worst time from the write to
`data: reload`. The briefing is restored afterwards.
"""
import glob, os, socket, statistics, subprocess, sys, time, urllib.request

brief, site = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10

s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
server = subprocess.Popen([brief, "serve", "--source", site, "--port", str(port)],
                          stderr=subprocess.PIPE, text=True)
status = f"http://127.0.0.1:{port}/__brief/status"
for _ in range(600):
    try:
        urllib.request.urlopen(status, timeout=1).read(); break
    except OSError:
        time.sleep(0.1)
files = sorted(glob.glob(os.path.join(site, "content/briefings/**/*.md"), recursive=True))
times = []
target = files[len(files) // 2] if files else None
original = open(target, "rb").read() if target else None
try:
    if not target:
        sys.exit(f"{site} has no briefings")
    for i in range(runs):
        time.sleep(0.5)
        conn = socket.create_connection(("127.0.0.1", port))
        conn.sendall(b"GET /__brief/events HTTP/1.1\r\nHost: x\r\n\r\n")
        buf = b""
        while b": connected" not in buf:
            buf += conn.recv(4096)
        start = time.monotonic()
        with open(target, "ab") as f:
            f.write(f"\nA line saved for run {i}.\n".encode())
        while b"data: reload" not in buf:
            buf += conn.recv(4096)
        times.append(time.monotonic() - start)
        conn.close()
        print(urllib.request.urlopen(status).read().decode().strip(), file=sys.stderr)
finally:
    if target:
        open(target, "wb").write(original)
    server.terminate(); server.wait()
print(f"{site}: save -> reload event over {runs} saves: median {statistics.median(times)*1000:.0f} ms, "
      f"worst {max(times)*1000:.0f} ms")
