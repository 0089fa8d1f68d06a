"""A tiny SMTP server on a local free port: refuses with 421 while failing, accepts when healthy,
and can stall in the middle of a message."""

import socketserver
import threading


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        server = self.server
        server.on_connect()
        if not server.healthy:
            self.reply("421 4.3.2 Service not available, try again later")
            return
        self.reply("220 localhost fake SMTP")
        sender, recipients = None, []
        while line := self.rfile.readline().decode("utf-8", "replace").strip():
            command = line.split(" ", 1)[0].upper()
            if command in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif command == "MAIL":
                sender, recipients = line.split(":", 1)[1].strip(), []
                self.reply("250 OK")
            elif command == "RCPT":
                recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif command == "DATA":
                server.data_started.set()
                if server.stall:  # a sender that dies here never sends the message
                    server.released.wait()
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    line = self.rfile.readline()
                    if not line:
                        return  # the sender went away in the middle of the message
                    data += line
                with server.lock:
                    server.received.append((sender, recipients, data[:-5].decode()))
                self.reply("250 OK queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


class FakeSmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Session)
        self.port = self.server_address[1]
        self.healthy = False
        self.received = []
        self.lock = threading.Lock()
        # What a test may make happen: something on each connection, a stall in DATA.
        self.on_connect = lambda: None
        self.stall = False
        self.data_started = threading.Event()
        self.released = threading.Event()

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.released.set()
        self.shutdown()
        self.server_close()
