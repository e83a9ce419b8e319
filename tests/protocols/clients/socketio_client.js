// Drives resources/examples/socketio.yml with socket.io-client 4, as an application would,
// and exits 0 only when every answer the example documents arrived:
//   node socketio_client.js http://127.0.0.1:PORT [JOIN-ACK]
// - each of two clients gets `welcome` with {"id": <its own socket id>} on connect;
// - `join` "lobby" is acknowledged with {"joined": "lobby"} (or the JSON given as JOIN-ACK);
// - `chat` {"text": ...} from one client reaches the other as `chat` with the same object,
//   both ways, and never comes back to its sender.
// Prints each step; on failure, what is missing.
"use strict";

const { io } = require("socket.io-client");

const url = process.argv[2];
if (!url) {
    console.error("usage: node socketio_client.js http://127.0.0.1:PORT");
    process.exit(2);
}

const joinAck = process.argv[3] ? JSON.parse(process.argv[3]) : { joined: "lobby" };

const TIMEOUT_MS = 15000;
// After both chats arrived, how long a sender is watched for its own chat coming back.
const ECHO_WATCH_MS = 500;

const done = new Set();
const expected = [
    "a welcome", "b welcome", "a join ack", "b join ack", "a->b chat", "b->a chat",
];
const problems = [];

function step(name) {
    console.log("ok: " + name);
    done.add(name);
}

function same(actual, wanted) {
    return JSON.stringify(actual) === JSON.stringify(wanted);
}

function connect(label) {
    const socket = io(url, { transports: ["websocket"], reconnection: false, timeout: 5000 });
    socket.on("connect_error", (err) => problems.push(label + " could not connect: " + err.message));
    socket.on("disconnect", (reason) => {
        if (!finished)
            problems.push(label + " disconnected: " + reason);
    });
    socket.on("welcome", (data) => {
        if (same(data, { id: socket.id }))
            step(label + " welcome");
        else
            problems.push(label + " welcome was " + JSON.stringify(data) + ", its id is " + socket.id);
    });
    return socket;
}

let finished = false;
const a = connect("a");
const b = connect("b");
const chats = {
    a: { text: "hello from a", n: 1 },
    b: { text: "hello from b", nested: { ok: true } },
};

// Each client hears chats: the other's is expected, its own would be a problem.
function listenForChat(receiver, label, other) {
    receiver.on("chat", (data) => {
        if (same(data, chats[other]))
            step(other + "->" + label + " chat");
        else if (same(data, chats[label]))
            problems.push(label + " got its own chat back: " + JSON.stringify(data));
        else
            problems.push(label + " got chat " + JSON.stringify(data));
    });
}

function joinThenChat(socket, label) {
    socket.emit("join", "lobby", (ack) => {
        if (!same(ack, joinAck)) {
            problems.push(label + " join ack was " + JSON.stringify(ack));
            return;
        }
        step(label + " join ack");
        socket.emit("chat", chats[label]);
    });
}

function whenBothConnected(then) {
    let count = 0;
    for (const socket of [a, b])
        socket.on("connect", () => {
            if (++count === 2)
                then();
        });
}

function finish(code) {
    finished = true;
    a.disconnect();
    b.disconnect();
    setTimeout(() => process.exit(code), 50);
}

listenForChat(a, "a", "b");
listenForChat(b, "b", "a");

// Both are connected (and have joined) before anyone chats, so each chat has a listener.
whenBothConnected(() => {
    joinThenChat(a, "a");
    setTimeout(() => joinThenChat(b, "b"), 100);
});

const deadline = setTimeout(() => {
    const missing = expected.filter((name) => !done.has(name));
    console.error("timed out; missing: " + missing.join(", "));
    for (const problem of problems)
        console.error("problem: " + problem);
    finish(1);
}, TIMEOUT_MS);

const poll = setInterval(() => {
    if (problems.length > 0) {
        clearInterval(poll);
        clearTimeout(deadline);
        for (const problem of problems)
            console.error("problem: " + problem);
        finish(1);
    } else if (expected.every((name) => done.has(name))) {
        clearInterval(poll);
        clearTimeout(deadline);
        setTimeout(() => {
            for (const problem of problems)
                console.error("problem: " + problem);
            console.log(problems.length === 0 ? "all answers arrived" : "failed");
            finish(problems.length === 0 ? 0 : 1);
        }, ECHO_WATCH_MS);
    }
}, 20);
