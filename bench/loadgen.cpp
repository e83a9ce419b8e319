// bench-loadgen: the benchmark's WebSocket load client (Boost.Beast over Asio, epoll).
//
// Closed loop, one io_context per thread (default one thread: on a 2-core machine the server
// gets the other core). It reports its own CPU time (getrusage) over the measured window so a
// reader can tell whether the client, rather than the server, was the limit.
//
//   bench-loadgen rtt   --port P [--conns N] [--message TEXT] [--expect TEXT] [--duration S]
//                       [--warmup S] [--greeting 0|1] [--threads T]
//       N connections: connect, read the greeting, then each loops "send TEXT, await the
//       reply" for S seconds after S_warmup seconds. Round trips/s, p50/p99 latency (µs).
//   bench-loadgen churn --port P [--conns C] [--duration S] [--warmup S] [--greeting 0|1]
//       C concurrent workers, each repeating: TCP connect, WebSocket handshake, read the
//       greeting, close handshake. Connections/s, p50/p99 of a whole cycle (µs).
//   bench-loadgen idle  --port P [--conns N] [--hold-timeout S] [--greeting 0|1]
//       Opens N connections (at most --concurrency handshakes in flight), reads their
//       greetings, prints {"mode":"idle","holding":N,...} and holds them until stdin closes or
//       S seconds pass.
//
// Common: --host 127.0.0.1 (only loopback is used by the benchmark), --path /ws/echo,
// --concurrency 256 (handshakes in flight), --connect-timeout 60. Every phase is bounded in
// time. Output: one JSON object per line on stdout; diagnostics on stderr.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <sys/resource.h>
#include <unistd.h>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

struct Options
{
    std::string mode;
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string path = "/ws/echo";
    int conns = 1;
    double duration = 3.0;
    double warmup = 0.5;
    std::string message = "ping";
    std::string expect;
    bool greeting = true;
    int threads = 1;
    int concurrency = 256;
    double holdTimeout = 120.0;
    double connectTimeout = 60.0;
};

Options g_opt;
tcp::endpoint g_endpoint;
std::string g_hostHeader;

// Phase boundaries, steady-clock ns. INT64_MAX until the measurement is scheduled.
std::atomic<int64_t> g_warmEnd { INT64_MAX };
std::atomic<int64_t> g_end { INT64_MAX };
std::atomic<int> g_ready { 0 };
std::atomic<int> g_connectFailed { 0 };
std::atomic<int> g_done { 0 };
std::atomic<int> g_closed { 0 };
std::atomic<bool> g_stopping { false };

struct Stats
{
    uint64_t count = 0;
    uint64_t mismatches = 0;
    uint64_t errors = 0;
    std::vector<uint32_t> latencyNs;

    void record(int64_t t0, int64_t t1)
    {
        if (t1 < g_warmEnd.load(std::memory_order_relaxed)
            || t1 >= g_end.load(std::memory_order_relaxed))
            return;
        ++count;
        const int64_t d = t1 - t0;
        latencyNs.push_back(uint32_t(std::min<int64_t>(d, UINT32_MAX)));
    }
};

struct Worker;
using WsStream = websocket::stream<tcp::socket>;

void configure(WsStream &ws)
{
    ws.auto_fragment(false);
    ws.read_message_max(16 * 1024 * 1024);
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type &req) {
        req.set(beast::http::field::user_agent, "mocket-bench-loadgen");
    }));
}

// ---- rtt and idle: long-lived connections -------------------------------------------------

struct Conn : std::enable_shared_from_this<Conn>
{
    Worker &w;
    WsStream ws;
    beast::flat_buffer buf;
    int64_t t0 = 0;
    bool up = false;

    explicit Conn(Worker &worker);
    void open();
    void opened(bool ok);
    void loop();
    void onReply(const beast::error_code &ec);
    void close();
};

struct Worker
{
    net::io_context ioc { 1 };
    Stats stats;
    std::vector<std::shared_ptr<Conn>> conns;
    int toOpen = 0; // connections this worker still has to start
    int inFlight = 0; // handshakes in flight
    int maxInFlight = 1;

    void launch()
    {
        while (toOpen > 0 && inFlight < maxInFlight) {
            --toOpen;
            ++inFlight;
            auto c = std::make_shared<Conn>(*this);
            conns.push_back(c);
            c->open();
        }
    }
};

Conn::Conn(Worker &worker) : w(worker), ws(worker.ioc)
{
    configure(ws);
}

void Conn::open()
{
    auto self = shared_from_this();
    ws.next_layer().async_connect(g_endpoint, [self](beast::error_code ec) {
        if (ec)
            return self->opened(false);
        self->ws.next_layer().set_option(tcp::no_delay(true));
        self->ws.async_handshake(g_hostHeader, g_opt.path, [self](beast::error_code ec) {
            if (ec)
                return self->opened(false);
            if (!g_opt.greeting)
                return self->opened(true);
            self->ws.async_read(self->buf, [self](beast::error_code ec, std::size_t) {
                self->buf.consume(self->buf.size());
                self->opened(!ec);
            });
        });
    });
}

void Conn::opened(bool ok)
{
    up = ok;
    --w.inFlight;
    if (ok)
        g_ready.fetch_add(1);
    else
        g_connectFailed.fetch_add(1);
    w.launch();
}

void Conn::loop()
{
    auto self = shared_from_this();
    t0 = nowNs();
    ws.text(true);
    ws.async_write(net::buffer(g_opt.message), [self](beast::error_code ec, std::size_t) {
        if (ec)
            return self->onReply(ec);
        self->ws.async_read(self->buf,
                            [self](beast::error_code ec, std::size_t) { self->onReply(ec); });
    });
}

void Conn::onReply(const beast::error_code &ec)
{
    const int64_t t = nowNs();
    if (ec) {
        ++w.stats.errors;
        up = false;
        g_done.fetch_add(1);
        return;
    }
    if (!g_opt.expect.empty()) {
        const auto data = buf.data();
        if (data.size() != g_opt.expect.size()
            || std::memcmp(data.data(), g_opt.expect.data(), data.size()) != 0)
            ++w.stats.mismatches;
    }
    buf.consume(buf.size());
    w.stats.record(t0, t);
    if (t < g_end.load(std::memory_order_relaxed) && !g_stopping.load(std::memory_order_relaxed))
        loop();
    else
        g_done.fetch_add(1);
}

void Conn::close()
{
    if (!up) {
        g_closed.fetch_add(1);
        return;
    }
    auto self = shared_from_this();
    ws.async_close(websocket::close_code::normal,
                   [self](beast::error_code) { g_closed.fetch_add(1); });
}

// ---- churn: open, greeting, close, again ---------------------------------------------------

struct ChurnSlot : std::enable_shared_from_this<ChurnSlot>
{
    Worker &w;
    std::unique_ptr<WsStream> ws;
    beast::flat_buffer buf;
    int64_t t0 = 0;
    int consecutiveErrors = 0;
    net::steady_timer backoff;

    explicit ChurnSlot(Worker &worker) : w(worker), backoff(worker.ioc) { }

    void cycle()
    {
        if (nowNs() >= g_end.load() || g_stopping.load()) {
            ws.reset();
            g_done.fetch_add(1);
            return;
        }
        auto self = shared_from_this();
        ws = std::make_unique<WsStream>(w.ioc);
        configure(*ws);
        buf.consume(buf.size());
        t0 = nowNs();
        ws->next_layer().async_connect(g_endpoint, [self](beast::error_code ec) {
            if (ec)
                return self->failed();
            self->ws->next_layer().set_option(tcp::no_delay(true));
            self->ws->async_handshake(g_hostHeader, g_opt.path, [self](beast::error_code ec) {
                if (ec)
                    return self->failed();
                if (!g_opt.greeting)
                    return self->closeNow();
                self->ws->async_read(self->buf, [self](beast::error_code ec, std::size_t) {
                    if (ec)
                        return self->failed();
                    self->closeNow();
                });
            });
        });
    }

    void closeNow()
    {
        auto self = shared_from_this();
        ws->async_close(websocket::close_code::normal, [self](beast::error_code ec) {
            if (ec && ec != net::error::eof && ec != websocket::error::closed)
                return self->failed();
            self->w.stats.record(self->t0, nowNs());
            self->consecutiveErrors = 0;
            self->cycle();
        });
    }

    void failed()
    {
        ++w.stats.errors;
        ws.reset();
        // Back off a little on repeated errors so a dead server is not spun on.
        const int ms = std::min(++consecutiveErrors, 100);
        auto self = shared_from_this();
        backoff.expires_after(std::chrono::milliseconds(ms));
        backoff.async_wait([self](beast::error_code) { self->cycle(); });
    }
};

// ---- main ----------------------------------------------------------------------------------

double g_sysSeconds = 0; // system part of the last cpuSeconds() reading

double cpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    g_sysSeconds = double(ru.ru_stime.tv_sec) + double(ru.ru_stime.tv_usec) / 1e6;
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
        + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void raiseFileLimit()
{
    rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "bench-loadgen: %s\nusage: bench-loadgen rtt|churn|idle --port P [options]"
                 " (see the comment at the top of bench/loadgen.cpp)\n",
                 why);
    std::exit(2);
}

Options parse(int argc, char **argv)
{
    Options o;
    if (argc < 2)
        usage("a mode is needed");
    o.mode = argv[1];
    if (o.mode != "rtt" && o.mode != "churn" && o.mode != "idle")
        usage("unknown mode");
    for (int i = 2; i < argc; ++i) {
        const std::string k = argv[i];
        if (i + 1 >= argc)
            usage(("missing value for " + k).c_str());
        const std::string v = argv[++i];
        if (k == "--host")
            o.host = v;
        else if (k == "--port")
            o.port = (unsigned short)std::atoi(v.c_str());
        else if (k == "--path")
            o.path = v;
        else if (k == "--conns")
            o.conns = std::atoi(v.c_str());
        else if (k == "--duration")
            o.duration = std::atof(v.c_str());
        else if (k == "--warmup")
            o.warmup = std::atof(v.c_str());
        else if (k == "--message")
            o.message = v;
        else if (k == "--expect")
            o.expect = v;
        else if (k == "--greeting")
            o.greeting = v != "0";
        else if (k == "--threads")
            o.threads = std::max(1, std::atoi(v.c_str()));
        else if (k == "--concurrency")
            o.concurrency = std::max(1, std::atoi(v.c_str()));
        else if (k == "--hold-timeout")
            o.holdTimeout = std::atof(v.c_str());
        else if (k == "--connect-timeout")
            o.connectTimeout = std::atof(v.c_str());
        else
            usage(("unknown option " + k).c_str());
    }
    if (o.port == 0)
        usage("--port is required");
    if (o.conns < 1 || o.duration <= 0 || o.duration > 3600 || o.warmup < 0)
        usage("bad --conns/--duration/--warmup");
    return o;
}

std::string jsonEscape(const std::string &s)
{
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if ((unsigned char)c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            out += b;
        } else {
            out += c;
        }
    }
    return out;
}

void sleepUntilNs(int64_t t)
{
    const int64_t d = t - nowNs();
    if (d > 0)
        std::this_thread::sleep_for(std::chrono::nanoseconds(d));
}

// Waits up to timeoutS for pred(); polls every millisecond.
template<typename Pred>
bool waitFor(double timeoutS, Pred pred)
{
    const int64_t deadline = nowNs() + int64_t(timeoutS * 1e9);
    while (!pred()) {
        if (nowNs() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// Sleeps through the warm-up, then the measured window, taking the CPU time at both ends and
// announcing them on stdout so the caller can sample the server's CPU at the same moments.
void measureWindow(double &cpu0, double &sys0, int64_t &w0, double &cpu1, double &sys1, int64_t &w1)
{
    sleepUntilNs(g_warmEnd);
    cpu0 = cpuSeconds();
    sys0 = g_sysSeconds;
    w0 = nowNs();
    std::printf("{\"event\":\"window_start\"}\n");
    std::fflush(stdout);
    sleepUntilNs(g_end);
    cpu1 = cpuSeconds();
    sys1 = g_sysSeconds;
    w1 = nowNs();
    std::printf("{\"event\":\"window_end\"}\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    g_opt = parse(argc, argv);
    raiseFileLimit();
    g_endpoint = tcp::endpoint(net::ip::make_address(g_opt.host), g_opt.port);
    g_hostHeader = g_opt.host + ":" + std::to_string(g_opt.port);

    const int nThreads = std::min(g_opt.threads, g_opt.conns);
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < nThreads; ++i) {
        auto w = std::make_unique<Worker>();
        w->toOpen = g_opt.conns / nThreads + (i < g_opt.conns % nThreads ? 1 : 0);
        w->maxInFlight = std::max(1, g_opt.concurrency / nThreads);
        workers.push_back(std::move(w));
    }
    std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
    for (auto &w : workers)
        guards.push_back(net::make_work_guard(w->ioc));
    std::vector<std::thread> threads;
    for (auto &w : workers)
        threads.emplace_back([&ioc = w->ioc] { ioc.run(); });

    auto finish = [&] {
        for (auto &g : guards)
            g.reset();
        for (auto &w : workers)
            w->ioc.stop();
        for (auto &t : threads)
            t.join();
    };
    // Closes every connection with a close handshake, bounded in time.
    auto closeAll = [&](int count, double timeoutS) {
        g_stopping = true;
        for (auto &w : workers)
            net::post(w->ioc, [wp = w.get()] {
                for (auto &c : wp->conns)
                    c->close();
            });
        waitFor(timeoutS, [&] { return g_closed.load() >= count; });
    };

    double cpu0 = 0, cpu1 = 0, sys0 = 0, sys1 = 0;
    int64_t w0 = 0, w1 = 0;
    const int64_t tStart = nowNs();

    if (g_opt.mode == "rtt" || g_opt.mode == "idle") {
        for (auto &w : workers)
            net::post(w->ioc, [wp = w.get()] { wp->launch(); });
        const bool allTried = waitFor(g_opt.connectTimeout, [] {
            return g_ready.load() + g_connectFailed.load() >= g_opt.conns;
        });
        const double connectS = double(nowNs() - tStart) / 1e9;
        const int ready = g_ready.load();
        if (g_opt.mode == "idle") {
            std::printf("{\"mode\":\"idle\",\"holding\":%d,\"failed\":%d,\"timed_out\":%s,"
                        "\"connect_s\":%.3f}\n",
                        ready, g_connectFailed.load(), allTried ? "false" : "true", connectS);
            std::fflush(stdout);
            // Hold until stdin closes or the timeout passes.
            const int64_t deadline = nowNs() + int64_t(g_opt.holdTimeout * 1e9);
            for (;;) {
                const int64_t left = deadline - nowNs();
                if (left <= 0)
                    break;
                pollfd p { 0, POLLIN, 0 };
                const int r = ::poll(&p, 1, int(std::min<int64_t>(left / 1000000 + 1, 1000)));
                if (r > 0) {
                    char b[256];
                    if (::read(0, b, sizeof b) <= 0)
                        break;
                } else if (r < 0 && errno != EINTR) {
                    break;
                }
            }
            finish(); // sockets close with their owners; the server sees EOF
            return 0;
        }
        if (ready == 0) {
            std::printf(
                "{\"mode\":\"rtt\",\"error\":\"no connection could be opened\",\"failed\":%d}\n",
                g_connectFailed.load());
            finish();
            return 1;
        }
        const int64_t start = nowNs();
        g_warmEnd = start + int64_t(g_opt.warmup * 1e9);
        g_end = g_warmEnd.load() + int64_t(g_opt.duration * 1e9);
        for (auto &w : workers)
            net::post(w->ioc, [wp = w.get()] {
                for (auto &c : wp->conns)
                    if (c->up)
                        c->loop();
            });
        measureWindow(cpu0, sys0, w0, cpu1, sys1, w1);
        // Let the round trips in flight finish (bounded), then close politely (bounded).
        waitFor(5.0, [&] { return g_done.load() >= ready; });
        closeAll(g_opt.conns, 3.0);
        finish();
    } else { // churn
        const int64_t start = nowNs();
        g_warmEnd = start + int64_t(g_opt.warmup * 1e9);
        g_end = g_warmEnd.load() + int64_t(g_opt.duration * 1e9);
        std::vector<std::shared_ptr<ChurnSlot>> slots;
        for (int i = 0; i < g_opt.conns; ++i) {
            Worker &w = *workers[size_t(i % nThreads)];
            slots.push_back(std::make_shared<ChurnSlot>(w));
        }
        for (auto &s : slots)
            net::post(s->w.ioc, [s] { s->cycle(); });
        measureWindow(cpu0, sys0, w0, cpu1, sys1, w1);
        waitFor(5.0, [&] { return g_done.load() >= g_opt.conns; });
        g_stopping = true;
        finish();
        slots.clear();
    }

    // Merge and report.
    Stats all;
    for (auto &w : workers) {
        all.count += w->stats.count;
        all.mismatches += w->stats.mismatches;
        all.errors += w->stats.errors;
        all.latencyNs.insert(all.latencyNs.end(), w->stats.latencyNs.begin(),
                             w->stats.latencyNs.end());
    }
    std::sort(all.latencyNs.begin(), all.latencyNs.end());
    auto pct = [&](double p) -> double {
        if (all.latencyNs.empty())
            return 0;
        const size_t i
            = std::min(all.latencyNs.size() - 1, size_t(p * double(all.latencyNs.size())));
        return all.latencyNs[i] / 1000.0;
    };
    double mean = 0;
    for (uint32_t v : all.latencyNs)
        mean += v;
    mean = all.latencyNs.empty() ? 0 : mean / double(all.latencyNs.size()) / 1000.0;
    const double window = g_opt.duration; // counts are taken by completion time in [warmEnd, end)
    const double wall = double(w1 - w0) / 1e9;
    std::printf(
        "{\"mode\":\"%s\",\"conns\":%d,\"threads\":%d,\"message\":\"%s\",\"greeting\":%s,"
        "\"duration_s\":%.3f,\"count\":%" PRIu64 ",\"rate\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f,"
        "\"mean_us\":%.1f,\"mismatches\":%" PRIu64 ",\"errors\":%" PRIu64 ",\"connect_failed\":%d,"
        "\"cpu_s\":%.3f,\"cpu_sys_s\":%.3f,\"cpu_share\":%.3f}\n",
        g_opt.mode.c_str(), g_opt.conns, nThreads,
        g_opt.mode == "rtt" ? jsonEscape(g_opt.message).c_str() : "",
        g_opt.greeting ? "true" : "false", window, all.count, double(all.count) / window, pct(0.50),
        pct(0.99), mean, all.mismatches, all.errors, g_connectFailed.load(), cpu1 - cpu0,
        sys1 - sys0, wall > 0 ? (cpu1 - cpu0) / wall : 0.0);
    std::fflush(stdout);
    return 0;
}
