"""A minimal SMTP receiver for benchmarks: accepts every message, counts it and throws it away.

aiosmtpd parses each command and message with care, which costs it about 2 ms of CPU per message — more than
the sending engine itself — so a benchmark against it measures the sink. This receiver does only what a
client needs to send: EHLO (offering PIPELINING and 8BITMIME), HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT;
the message body is skipped with one search for its terminating ``CRLF.CRLF``. It is for ``bench/`` only;
the tests keep aiosmtpd, whose correctness they rely on.

    python bench/fast_smtp_sink.py PORT

prints ``ready`` once listening on 127.0.0.1:PORT, and the number of messages received when its standard
input closes.
"""

import asyncio
import sys

GREETING = b"220 bench ESMTP\r\n"
EHLO = b"250-bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n"
OK = b"250 OK\r\n"
START_DATA = b"354 End data with <CR><LF>.<CR><LF>\r\n"
BYE = b"221 Bye\r\n"
UNKNOWN = b"500 Command not recognised\r\n"
END_OF_DATA = b"\r\n.\r\n"
STREAM_LIMIT = 64 * 1024 * 1024

received = 0


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One client connection: answer each command in turn (pipelined commands are simply read in order)."""
    global received
    writer.write(GREETING)
    try:
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                writer.write(START_DATA)
                await reader.readuntil(END_OF_DATA)
                received += 1
                writer.write(OK)
            elif verb == b"EHLO":
                writer.write(EHLO)
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP", b"HELO"):
                writer.write(OK)
            elif verb == b"QUIT":
                writer.write(BYE)
                break
            else:
                writer.write(UNKNOWN)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(serve, "127.0.0.1", port, limit=STREAM_LIMIT)
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()
    print(received, flush=True)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
