// Drives resources/examples/stomp.yml (served by mocket-cli) with @stomp/stompjs 7 over ws.
//   node stomp_client.js ws://127.0.0.1:PORT/stomp
// Exits 0 only when every documented answer arrived: CONNECTED (STOMP 1.2 on the v12.stomp
// subprotocol); MESSAGE frames {"symbol": "ACME", "price": N} on /topic/prices, which stop
// after UNSUBSCRIBE; a SEND to /app/echo reaching every subscriber of /topic/echo (another
// connection too) with the same body; a RECEIPT for each frame with a receipt header,
// DISCONNECT included. Otherwise it says what was missing on stderr and exits 1.
'use strict';

const { Client } = require('@stomp/stompjs');
const WebSocket = require('ws');

const url = process.argv[2];
if (!url) {
    console.error('usage: node stomp_client.js ws://HOST:PORT/stomp');
    process.exit(2);
}

const fail = (what) => {
    console.error(`stomp_client: ${what}`);
    process.exit(1);
};
setTimeout(() => fail('timed out'), 15000).unref();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A connected client; resolves with the client and its WebSocket.
function connect(name) {
    return new Promise((resolve, reject) => {
        let socket = null;
        const client = new Client({
            webSocketFactory: () => {
                socket = new WebSocket(url, ['v12.stomp']);
                return socket;
            },
            reconnectDelay: 0,
            onConnect: (frame) => resolve({ client, socket, frame }),
            onStompError: (frame) => reject(new Error(`${name}: ERROR ${frame.headers.message}`)),
            onWebSocketClose: (event) => reject(new Error(`${name}: closed ${event.code} ${event.reason}`)),
        });
        client.activate();
    });
}

// Resolves when the receipt for id arrives.
function receipt(client, id) {
    return new Promise((resolve) => client.watchForReceipt(id, resolve));
}

// Resolves with the next `count` messages of a subscription.
function collect(messages, count, what) {
    return new Promise((resolve, reject) => {
        const poll = setInterval(() => {
            if (messages.length >= count) {
                clearInterval(poll);
                resolve(messages.slice(0, count));
            }
        }, 20);
        setTimeout(() => {
            clearInterval(poll);
            reject(new Error(`${what}: ${messages.length} of ${count} messages arrived`));
        }, 8000);
    });
}

async function prices(client) {
    const received = [];
    const subscribed = receipt(client, 'prices-subscribed');
    const subscription = client.subscribe('/topic/prices', (message) => received.push(message),
        { id: 'prices-1', receipt: 'prices-subscribed' });
    await subscribed;
    const first = await collect(received, 3, '/topic/prices');
    for (const message of first) {
        const body = JSON.parse(message.body);
        if (body.symbol !== 'ACME' || typeof body.price !== 'number')
            fail(`a price is not {"symbol": "ACME", "price": N}: ${message.body}`);
        if (message.headers.subscription !== 'prices-1' || message.headers.destination !== '/topic/prices'
            || !message.headers['message-id'] || message.headers['content-type'] !== 'application/json')
            fail(`a price's headers are wrong: ${JSON.stringify(message.headers)}`);
    }
    const ids = new Set(first.map((message) => message.headers['message-id']));
    if (ids.size !== first.length)
        fail('two prices share a message-id');

    const unsubscribed = receipt(client, 'prices-unsubscribed');
    subscription.unsubscribe({ receipt: 'prices-unsubscribed' });
    await unsubscribed;
    const countAtStop = received.length;
    await sleep(1300);  // more than two intervals of 500 ms
    if (received.length !== countAtStop)
        fail(`${received.length - countAtStop} prices arrived after UNSUBSCRIBE`);
}

async function echo(sender, other) {
    const mine = [];
    const theirs = [];
    const subscribedHere = receipt(sender, 'echo-here');
    const subscribedThere = receipt(other, 'echo-there');
    sender.subscribe('/topic/echo', (message) => mine.push(message), { receipt: 'echo-here' });
    other.subscribe('/topic/echo', (message) => theirs.push(message), { receipt: 'echo-there' });
    await Promise.all([subscribedHere, subscribedThere]);

    const body = '{"text": "hello", "n": 1}';
    const sent = receipt(sender, 'echo-sent');
    sender.publish({ destination: '/app/echo', body, headers: { receipt: 'echo-sent' } });
    await sent;
    const [here] = await collect(mine, 1, '/topic/echo on the sender');
    const [there] = await collect(theirs, 1, '/topic/echo on another connection');
    for (const message of [here, there]) {
        if (message.body !== body)
            fail(`the echo is not the body sent: ${message.body}`);
        if (message.headers.destination !== '/topic/echo')
            fail(`the echo's destination is ${message.headers.destination}`);
    }
}

async function main() {
    const first = await connect('first');
    if (first.frame.headers.version !== '1.2')
        fail(`CONNECTED says version ${first.frame.headers.version}`);
    if (first.socket.protocol !== 'v12.stomp')
        fail(`the subprotocol is '${first.socket.protocol}', not v12.stomp`);
    const second = await connect('second');

    await prices(first.client);
    await echo(first.client, second.client);

    // deactivate() sends DISCONNECT with a receipt and waits for it.
    let disconnected = false;
    first.client.onDisconnect = () => { disconnected = true; };
    await first.client.deactivate();
    if (!disconnected)
        fail('no RECEIPT for DISCONNECT');
    await second.client.deactivate();
    console.log('stomp_client: every answer arrived');
    process.exit(0);
}

main().catch((error) => fail(error.message));
