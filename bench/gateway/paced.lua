-- wrk script: a constant request rate (wrk2-style pacing with Debian's wrk, which has no --rate).
-- Usage: wrk -t T -c C -s paced.lua URL -- <total req/s> <T>
-- Each wrk thread keeps a schedule of send times spaced T/rate apart; delay() (called before every request on any
-- of the thread's connections) takes the next free slot and waits until it. A connection that finds itself behind
-- the schedule sends at once and the schedule restarts from now (no catch-up bursts), so the achieved rate can fall
-- below the asked one when the server is slower than the rate; the run prints it. Latency is measured by wrk from
-- the write of each request, i.e. not corrected for coordinated omission as wrk2 does: keep C well above
-- rate x latency so a connection is always free at its slot. delay() returns whole milliseconds (wrk's timer), so a
-- send can be up to 1 ms early; the schedule itself does not drift.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } pinfold_timespec;
  int clock_gettime(int clock, pinfold_timespec *ts);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("pinfold_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval_ms
local next_slot

init = function(args)
  local rate = tonumber(args[1])
  local threads = tonumber(args[2])
  assert(rate and rate > 0 and threads and threads > 0, "usage: -- <total req/s> <threads>")
  interval_ms = threads * 1000 / rate
end

delay = function()
  local now = now_ms()
  local slot = next_slot
  if slot == nil or slot < now then
    slot = now
  end
  next_slot = slot + interval_ms
  return math.floor(slot - now)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
