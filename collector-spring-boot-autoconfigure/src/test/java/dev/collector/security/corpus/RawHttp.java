package dev.collector.security.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the request target goes on the wire byte for byte, so no
 * client library normalises, encodes or refuses a spelling before the server sees it.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send one request and read the whole answer (the connection is closed after it).
	 * @param port the server's port on 127.0.0.1
	 * @param method the method
	 * @param target the request target, one char per byte (ISO-8859-1)
	 * @param headers extra headers
	 * @param body the body, JSON, empty for none
	 * @return the answer
	 * @throws IOException when the exchange fails
	 */
	public static Response send(int port, String method, String target, Map<String, String> headers, String body)
			throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1:").append(port).append("\r\n");
		head.append("Accept: application/json, application/problem+json\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (content.length > 0) {
			head.append("Content-Type: application/json\r\n");
		}
		head.append("Content-Length: ").append(content.length).append("\r\n");
		head.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketException ex) {
			// a server that refuses a request may reset the connection after its answer
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body as text (chunks, if any, left in)
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			String[] lines = head.split("\r\n");
			String[] statusLine = lines[0].split(" ");
			if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
				throw new IllegalStateException("Not an HTTP answer: " + text);
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).trim());
				}
			}
			return new Response(Integer.parseInt(statusLine[1]), headers, (end >= 0) ? text.substring(end + 4) : "");
		}

		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
