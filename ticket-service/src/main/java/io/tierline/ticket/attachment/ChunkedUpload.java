package io.tierline.ticket.attachment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts an upload into chunks of a fixed size as its pieces arrive, counting, hashing and keeping its first bytes (to
 * sniff what it is) on the way, so at most one chunk of it is ever held. Not thread-safe: one upload, one reader.
 */
public final class ChunkedUpload {

    /** How much of the start of a file content-type detection looks at. */
    public static final int HEAD_SIZE = 8192;

    private final int chunkSize;
    private final long maxSize;
    private final MessageDigest sha256;
    private final byte[] head = new byte[HEAD_SIZE];
    private int headLength;
    private byte[] pending;
    private int pendingLength;
    private long size;
    private boolean finished;

    /**
     * @param chunkSize the size of every chunk but the last
     * @param maxSize   the largest upload taken; a piece that would pass it is refused with {@link TooLarge}
     */
    public ChunkedUpload(int chunkSize, long maxSize) {
        if (chunkSize <= 0 || maxSize <= 0) {
            throw new IllegalArgumentException("chunk size and maximum size must be positive");
        }
        this.chunkSize = chunkSize;
        this.maxSize = maxSize;
        this.pending = new byte[chunkSize];
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The upload passed its limit. */
    public static final class TooLarge extends RuntimeException {
        public final long maxSize;

        TooLarge(long maxSize) {
            super("the upload is larger than " + maxSize + " bytes", null, false, false);
            this.maxSize = maxSize;
        }
    }

    /** Takes the next piece of the upload; answers the chunks it completed (usually none, or one). */
    public List<byte[]> add(byte[] piece) {
        return add(piece, 0, piece.length);
    }

    public List<byte[]> add(byte[] piece, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the upload is finished");
        }
        if (size + length > maxSize) {
            throw new TooLarge(maxSize);
        }
        size += length;
        sha256.update(piece, offset, length);
        int toHead = Math.min(length, HEAD_SIZE - headLength);
        System.arraycopy(piece, offset, head, headLength, toHead);
        headLength += toHead;
        List<byte[]> complete = new ArrayList<>(1);
        int read = 0;
        while (read < length) {
            int n = Math.min(length - read, chunkSize - pendingLength);
            System.arraycopy(piece, offset + read, pending, pendingLength, n);
            pendingLength += n;
            read += n;
            if (pendingLength == chunkSize) {
                complete.add(pending);
                pending = new byte[chunkSize];
                pendingLength = 0;
            }
        }
        return complete;
    }

    /** Ends the upload: the last, shorter chunk if there is one. */
    public List<byte[]> finish() {
        finished = true;
        if (pendingLength == 0) {
            return List.of();
        }
        byte[] last = Arrays.copyOf(pending, pendingLength);
        pending = null;
        return List.of(last);
    }

    public long size() {
        return size;
    }

    /** The first bytes of the upload (up to {@link #HEAD_SIZE}). */
    public byte[] head() {
        return Arrays.copyOf(head, headLength);
    }

    /** The SHA-256 of everything taken; only once finished. */
    public byte[] sha256() {
        if (!finished) {
            throw new IllegalStateException("the upload is not finished");
        }
        return sha256.digest();
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
