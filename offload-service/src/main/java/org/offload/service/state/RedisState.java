package org.offload.service.state;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The service's state in one Redis database, shared by every replica that uses the same URL: telemetry, VM
 * claims and rate-limit buckets. Every operation is one Lua script, called by its SHA-1 ({@code EVALSHA}; atomic,
 * one round trip). Decisions read this replica's view of the claims (every VM's claimed share and memory) and of the
 * telemetry: fetched in one round trip when older than {@link #MAX_VIEW_AGE_S} or when the telemetry changed, and
 * renewed by a placement's claim (a check-and-add no other replica can interleave), whose answer brings back the
 * telemetry version and, when the view is older than half that age, every VM's sums. So under load a decision
 * costs one round trip, its claim; it may miss other replicas' claims of the last milliseconds but never
 * over-commits a VM (the claim itself is checked in Redis). Times are the replicas' wall
 * clocks (epoch seconds; keep them synchronised, e.g. NTP); rate-limit buckets use Redis's own clock. Task ids
 * need no Redis: {@link RandomTaskIds} are unique across replicas without coordination.
 *
 * <p>Failures of Redis become {@link StateUnavailableException} (the request gets 503); each call tries again,
 * so the service recovers when Redis is back. Telemetry is acknowledged only after Redis has executed the write.
 */
public final class RedisState implements AutoCloseable {
    private static final String P = "offload:";
    private static final String VER = P + "tel:ver";
    private static final String VMS = P + "tel:vm";
    private static final String LINKS = P + "tel:link";
    private static final String DEVS = P + "tel:dev";
    private static final String CLAIMS = P + "claims";
    private static final String SUMS = P + "claims:sum";
    private static final String DIMS = P + "dims";

    /**
     * {@code expire(now)} drops claims that expired by {@code now} from their VM's sums (only claims of the VM's
     * current epoch count); {@code view(n)} is the sums of VMs 0..n-1 and the claims' sequence number, one string.
     */
    private static final String EXPIRE = """
            local function expire(now)
              local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
              for _, m in ipairs(old) do
                local vm, ep, p, mb = string.match(m, '^(%d+)|(%d+)|([^|]+)|([^|]+)|')
                if (redis.call('HGET', KEYS[2], 'e' .. vm) or '0') == ep then
                  local n = redis.call('HINCRBY', KEYS[2], 'n' .. vm, -1)
                  if n <= 0 then
                    redis.call('HSET', KEYS[2], 'p' .. vm, '0', 'm' .. vm, '0', 'n' .. vm, '0')
                  else
                    redis.call('HINCRBYFLOAT', KEYS[2], 'p' .. vm, -tonumber(p))
                    redis.call('HINCRBYFLOAT', KEYS[2], 'm' .. vm, -tonumber(mb))
                  end
                end
              end
              if #old > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) end
            end
            -- The view of n VMs' sums as one string: p0,m0,p1,m1,...,seq (HMGET in chunks: Lua's unpack is bounded)
            local function view(n)
              local out = {}
              local f = {}
              for i = 0, n - 1 do
                f[#f + 1] = 'p' .. i
                f[#f + 1] = 'm' .. i
                if #f >= 1000 or i == n - 1 then
                  for _, x in ipairs(redis.call('HMGET', KEYS[2], unpack(f))) do out[#out + 1] = x or '0' end
                  f = {}
                end
              end
              out[#out + 1] = redis.call('HGET', KEYS[2], 'seq') or '0'
              return table.concat(out, ',')
            end
            """;

    /**
     * KEYS: claims, sums, version; ARGV: vm, reported, share, limit, used, memory, cap, now, until, max claims per
     * VM, VMs in the view wanted (0: none). Returns 1 (claimed) or 0, the telemetry version, the claims' sequence
     * number and, when wanted, the view of every VM's claim sums (see {@code view}).
     */
    private static final Script CLAIM = new Script(EXPIRE + """
            local vm = ARGV[1]
            expire(ARGV[8])
            local s = redis.call('HMGET', KEYS[2], 'p' .. vm, 'm' .. vm, 'n' .. vm, 'e' .. vm)
            local p, m, n = tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0')
            local share, mem, cap = tonumber(ARGV[3]), tonumber(ARGV[6]), tonumber(ARGV[7])
            local ok, seq = 1, nil
            if tonumber(ARGV[2]) + p + share > tonumber(ARGV[4]) + 1e-9
               or (cap > 0 and tonumber(ARGV[5]) + m + mem > cap + 1e-9) or n >= tonumber(ARGV[10]) then
              ok = 0
              seq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
            else
              seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
              redis.call('ZADD', KEYS[1], ARGV[9], vm .. '|' .. (s[4] or '0') .. '|' .. ARGV[3] .. '|' .. ARGV[6]
                  .. '|' .. seq)
              redis.call('HINCRBYFLOAT', KEYS[2], 'p' .. vm, share)
              redis.call('HINCRBYFLOAT', KEYS[2], 'm' .. vm, mem)
              redis.call('HINCRBY', KEYS[2], 'n' .. vm, 1)
            end
            local v = redis.call('GET', KEYS[3]) or '0'
            if ARGV[11] ~= '0' then return {ok, v, seq, view(tonumber(ARGV[11]))} end
            return {ok, v, seq}
            """);

    /**
     * KEYS: claims, sums, version, vms, links, devices; ARGV: known version, now, VMs in the view (0: claims off).
     * Returns the version, the view of the claim sums, and the three telemetry hashes when the version differs
     * from the known one.
     */
    private static final Script SNAPSHOT = new Script(EXPIRE + """
            local sums = ''
            if ARGV[3] ~= '0' then
              expire(ARGV[2])
              sums = view(tonumber(ARGV[3]))
            end
            local v = redis.call('GET', KEYS[3]) or '0'
            if v == ARGV[1] then return {v, sums} end
            return {v, sums, redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5]),
                    redis.call('HGETALL', KEYS[6])}
            """);

    /**
     * KEYS: version, vms, links, devices, claim sums; ARGV: number of VM rows, of link rows, claims on (1/0), then
     * (index, row) pairs. A VM's report starts a new claims epoch: the report counts the tasks claimed before it
     * (and the claims' sequence number moves on, so that replicas replace views taken before the report).
     */
    private static final Script APPLY = new Script("""
            local nv, nl = tonumber(ARGV[1]), tonumber(ARGV[2])
            local i = 4
            local total = (#ARGV - 3) / 2
            for k = 1, total do
              local key = KEYS[4]
              if k <= nv then key = KEYS[2] elseif k <= nv + nl then key = KEYS[3] end
              redis.call('HSET', key, ARGV[i], ARGV[i + 1])
              if k <= nv and ARGV[3] == '1' then
                redis.call('HINCRBY', KEYS[5], 'e' .. ARGV[i], 1)
                redis.call('HSET', KEYS[5], 'p' .. ARGV[i], '0', 'm' .. ARGV[i], '0', 'n' .. ARGV[i], '0')
              end
              i = i + 2
            end
            if nv > 0 and ARGV[3] == '1' then redis.call('HINCRBY', KEYS[5], 'seq', 1) end
            return redis.call('INCR', KEYS[1])
            """);

    /** KEYS: bucket; ARGV: rate per s, burst. Token bucket on Redis's clock; idle buckets expire. */
    private static final Script TAKE = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
            local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
            local b = redis.call('HMGET', KEYS[1], 'tok', 'ts')
            local tok = tonumber(b[1]) or burst
            local ts = tonumber(b[2]) or now
            tok = math.min(burst, tok + math.max(0, now - ts) * rate)
            local ok = 0
            if tok >= 1 then tok = tok - 1; ok = 1 end
            redis.call('HSET', KEYS[1], 'tok', string.format('%.6f', tok), 'ts', string.format('%.6f', now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
            return ok
            """);

    /**
     * How old (in service seconds) the claims view and telemetry may be before a decision fetches them again; the
     * claims' answers renew the view, so under load the fetch is rare. Within this window a decision can miss other
     * replicas' newest claims (it then gets 503 "filled meanwhile" when its VM is full), never over-commit.
     */
    public static final double MAX_VIEW_AGE_S = 0.002;

    /** A Lua script and its SHA-1, by which Redis runs it ({@code EVALSHA}) once it has been loaded. */
    private record Script(String text, String sha) {
        Script(String text) {
            this(text, sha1(text));
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
            }
        }
    }

    private final JedisPooled redis;
    private final String where;
    private final int vms;
    private final int sites;
    private final int devices;
    private final AtomicLong roundTrips = new AtomicLong();
    private final ClaimsView view;
    /** Serialises snapshot fetches (they run under the engine's lock anyway). */
    private final Object fetchLock = new Object();
    private volatile boolean claimsOn;

    private RedisState(JedisPooled redis, String where, int vms, int sites, int devices) {
        this.redis = redis;
        this.where = where;
        this.vms = vms;
        this.sites = sites;
        this.devices = devices;
        this.view = new ClaimsView(new TelemetryTable(vms, sites, devices));
    }

    /**
     * Connects to {@code url} and checks that the database holds the state of a scenario of this shape (or none).
     *
     * @throws IllegalArgumentException when the URL is malformed, Redis cannot be reached, or the database holds
     *                                  another scenario's state; the message says which
     */
    public static RedisState connect(String url, int vms, int sites, int devices) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state.url is not a Redis URL: " + e.getMessage());
        }
        String where = "Redis at " + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort())
                + (uri.getPath() == null || uri.getPath().isEmpty() ? "" : uri.getPath());
        JedisPooled pooled = new JedisPooled(uri, 2000);
        RedisState s = new RedisState(pooled, where, vms, sites, devices);
        try {
            String dims = vms + "/" + sites + "/" + devices;
            pooled.setnx(DIMS, dims);
            String held = pooled.get(DIMS);
            if (!dims.equals(held)) {
                throw new IllegalArgumentException(where + " holds the state of a scenario with vms/sites/devices "
                        + held + ", this one has " + dims + ": give each scenario its own database "
                        + "(redis://host:port/N)");
            }
        } catch (JedisException e) {
            pooled.close();
            throw new IllegalArgumentException("cannot reach the shared state: " + where + ": " + e.getMessage()
                    + " (state.url in the service configuration)", e);
        } catch (IllegalArgumentException e) {
            pooled.close();
            throw e;
        }
        return s;
    }

    /** Why the state cannot be used now (Redis does not answer a PING), or null when it can. */
    public String problem() {
        try {
            roundTrips.incrementAndGet();
            redis.ping();
            return null;
        } catch (JedisException e) {
            return "shared state unavailable: " + where + ": " + e.getMessage();
        }
    }

    /** Round trips to Redis made by this replica so far (the load test reports them per decision). */
    public long roundTrips() {
        return roundTrips.get();
    }

    private Object run(Script script, List<String> keys, List<String> args) {
        roundTrips.incrementAndGet();
        try {
            try {
                return redis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                // First use, or Redis restarted and lost its script cache: send the text once (it is cached again).
                roundTrips.incrementAndGet();
                return redis.eval(script.text(), keys, args);
            }
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("LOADING")) {
                throw unavailable(e);
            }
            throw e;
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    private StateUnavailableException unavailable(JedisException e) {
        return new StateUnavailableException("shared state unavailable (" + where + ": " + e.getMessage()
                + "); try again", e);
    }

    private static String num(double d) {
        return Double.toString(d);
    }

    /**
     * Telemetry in Redis; {@link TelemetryStore#table(double)} returns this replica's view, fetched (with the
     * claims' sums, one round trip) when it is older than {@link #MAX_VIEW_AGE_S} or the telemetry changed.
     */
    public TelemetryStore telemetry() {
        return new TelemetryStore() {
            @Override
            public void apply(Telemetry t, double nowS) {
                List<String> args = new ArrayList<>(2 + 2 * (t.vms().size() + t.links().size() + t.devices().size()));
                args.add(Integer.toString(t.vms().size()));
                args.add(Integer.toString(t.links().size()));
                args.add(claimsOn ? "1" : "0");
                for (Telemetry.VmReport r : t.vms()) {
                    args.add(Integer.toString(r.vm()));
                    args.add(String.join(",", num(nowS), num(Double.isNaN(r.utilizationPercent()) ? 0
                                    : r.utilizationPercent()), Integer.toString(Math.max(0, r.load())),
                            Integer.toString(Math.max(0, r.queueLength())), num(r.freeMemoryMb()), num(r.waitS())));
                }
                for (Telemetry.LinkReport r : t.links()) {
                    args.add(Integer.toString(view.table().linkIndex(r.kind(), r.site())));
                    String row = String.join(",", num(nowS), num(r.bandwidthMbps()), num(r.latencyS()),
                            Integer.toString(Math.max(0, r.activeTransfers())),
                            num(Double.isNaN(r.utilization()) ? 0 : r.utilization()));
                    args.add(r.flowTransfers() == null ? row : row + "," + flows(r.flowTransfers()));
                }
                for (Telemetry.DeviceReport r : t.devices()) {
                    args.add(Integer.toString(r.device()));
                    args.add(String.join(",", num(nowS), Integer.toString(r.site()), num(r.x()), num(r.y()),
                            num(r.batteryPercent()), num(Double.isNaN(r.cpuUtilizationPercent()) ? 0
                                    : r.cpuUtilizationPercent()), Integer.toString(Math.max(0, r.cpuLoad())),
                            num(r.cpuWaitS())));
                }
                run(APPLY, List.of(VER, VMS, LINKS, DEVS, SUMS), args);
                view.invalidate();
            }

            @Override
            public TelemetryTable table() {
                return snapshot(Double.NaN, false);
            }

            @Override
            public TelemetryTable table(double nowS) {
                return snapshot(nowS, claimsOn);
            }
        };
    }

    /**
     * The telemetry (and, with {@code claims}, the claims view) to decide on at {@code nowS}: the view when it is
     * recent, else fetched in one round trip (the telemetry hashes only when their version changed). NaN: fetch.
     */
    TelemetryTable snapshot(double nowS, boolean claims) {
        synchronized (fetchLock) {
            if (!Double.isNaN(nowS) && !view.due(nowS, MAX_VIEW_AGE_S)) {
                return view.table();
            }
            List<?> r = (List<?>) run(SNAPSHOT, List.of(CLAIMS, SUMS, VER, VMS, LINKS, DEVS),
                    List.of(view.version(), claims ? num(nowS) : "0", claims ? Integer.toString(vms) : "0"));
            return view.fetched(nowS, (String) r.get(0), claims ? (String) r.get(1) : null,
                    r.size() > 2 ? table(r) : null);
        }
    }

    /** The telemetry table from a snapshot's three hashes (VMs, links, devices). */
    private TelemetryTable table(List<?> r) {
        TelemetryTable t = new TelemetryTable(vms, sites, devices);
        fill((List<?>) r.get(2), (i, v) -> {
            t.vmT[i] = d(v[0]);
            t.vmUtil[i] = d(v[1]);
            t.vmLoad[i] = Integer.parseInt(v[2]);
            t.vmQueue[i] = Integer.parseInt(v[3]);
            t.vmFree[i] = d(v[4]);
            t.vmWait[i] = d(v[5]);
        }, vms);
        fill((List<?>) r.get(3), (i, v) -> {
            t.linkT[i] = d(v[0]);
            t.linkBw[i] = d(v[1]);
            t.linkLatency[i] = d(v[2]);
            t.linkActive[i] = Integer.parseInt(v[3]);
            t.linkUtil[i] = d(v[4]);
            t.linkFlows[i] = v.length > 5 ? flows(v[5]) : null;
        }, t.linkCount());
        fill((List<?>) r.get(4), (i, v) -> {
            t.devT[i] = d(v[0]);
            t.devSite[i] = Integer.parseInt(v[1]);
            t.devX[i] = d(v[2]);
            t.devY[i] = d(v[3]);
            t.devBattery[i] = d(v[4]);
            t.devCpuUtil[i] = d(v[5]);
            t.devCpuLoad[i] = Integer.parseInt(v[6]);
            t.devCpuWait[i] = d(v[7]);
        }, devices);
        return t;
    }

    private interface Row {
        void set(int index, String[] values);
    }

    private static void fill(List<?> hash, Row row, int count) {
        for (int i = 0; i + 1 < hash.size(); i += 2) {
            int index = Integer.parseInt((String) hash.get(i));
            if (index >= 0 && index < count) {
                row.set(index, ((String) hash.get(i + 1)).split(","));
            }
        }
    }

    /** A sliced link's transfers per flow as one field ({@code 3;1;0}). */
    private static String flows(int[] f) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            b.append(i == 0 ? "" : ";").append(f[i]);
        }
        return b.toString();
    }

    private static int[] flows(String s) {
        String[] parts = s.split(";");
        int[] f = new int[parts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Integer.parseInt(parts[i]);
        }
        return f;
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    /**
     * Claims in Redis. Decisions read the claimed shares from this replica's view (see {@link #snapshot}; the
     * telemetry store must be this state's); a reserved claim is pending in the view until its round trip, one
     * atomic check-and-add in Redis, answers.
     */
    public ClaimsStore claims(int maxClaimsPerVm) {
        claimsOn = true;
        return new ClaimsStore() {
            @Override
            public Claim reserve(int vm, double reportedPercent, double sharePercent, double limitPercent,
                                 double usedMemoryMb, double memoryMb, double memoryCapMb, double nowS,
                                 double untilS) {
                List<String> args = List.of(Integer.toString(vm), num(reportedPercent), num(sharePercent),
                        num(limitPercent), num(usedMemoryMb), num(memoryMb), num(memoryCapMb), num(nowS), num(untilS),
                        Integer.toString(maxClaimsPerVm), view.due(nowS, MAX_VIEW_AGE_S / 2) ? Integer.toString(vms) : "0");
                view.pend(vm, sharePercent, memoryMb);
                return () -> {
                    List<?> r;
                    try {
                        r = (List<?>) run(CLAIM, List.of(CLAIMS, SUMS, VER), args);
                    } catch (RuntimeException e) {
                        view.unpend(vm, sharePercent, memoryMb);
                        throw e;
                    }
                    boolean taken = Long.valueOf(1).equals(r.get(0));
                    view.claimed(nowS, taken, (String) r.get(1), (Long) r.get(2),
                            r.size() > 3 ? (String) r.get(3) : null, vm, sharePercent, memoryMb);
                    return taken;
                };
            }

            @Override
            public double claimedPercent(int vm, double nowS) {
                return view.claimedPercent(vm);
            }

            @Override
            public double claimedMemoryMb(int vm, double nowS) {
                return view.claimedMemoryMb(vm);
            }

            @Override
            public void supersede(int vm, double nowS) {
                // done by the telemetry write itself, in the same script (one round trip per message)
            }
        };
    }

    /** Rate-limit buckets in Redis: a client's rate holds across all replicas. */
    public RateLimitBuckets buckets() {
        return (key, ratePerS, burst) -> {
            if (ratePerS <= 0) {
                return true;
            }
            return Long.valueOf(1).equals(run(TAKE, List.of(P + "rl:" + key), List.of(num(ratePerS), num(burst))));
        };
    }

    @Override
    public void close() {
        redis.close();
    }
}
