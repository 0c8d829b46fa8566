-- wrk script: prints one machine-readable RESULT line at the end of a run (bench/gateway/run parses it).
-- Latency is wrk's own histogram: from writing a request to reading its whole response, in microseconds.
-- errors.status counts responses with a status of 400 or more.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
