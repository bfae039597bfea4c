package io.tierline.ticket.attachment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkedUploadTest {

    @Test
    void shouldCutPiecesIntoFullChunksAndAShorterLastOne() {
        ChunkedUpload upload = new ChunkedUpload(4, 100);
        assertThat(upload.add(new byte[]{1, 2, 3})).isEmpty();
        List<byte[]> completed = upload.add(new byte[]{4, 5, 6, 7, 8, 9, 10});
        assertThat(completed).containsExactly(new byte[]{1, 2, 3, 4}, new byte[]{5, 6, 7, 8});
        assertThat(upload.finish()).containsExactly(new byte[]{9, 10});
        assertThat(upload.size()).isEqualTo(10);
        assertThat(upload.head()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void shouldRefuseThePieceThatPassesTheLimit() {
        ChunkedUpload upload = new ChunkedUpload(4, 5);
        upload.add(new byte[5]);
        assertThatThrownBy(() -> upload.add(new byte[1])).isInstanceOf(ChunkedUpload.TooLarge.class)
                .hasMessageContaining("5 bytes");
    }

    @Property(tries = 200)
    void chunksPutTogetherAreTheUploadAndEveryChunkButTheLastIsFull(
            @ForAll @Size(max = 20) List<@Size(max = 50) byte[]> pieces, @ForAll @IntRange(min = 1, max = 17) int chunkSize)
            throws Exception {
        ChunkedUpload upload = new ChunkedUpload(chunkSize, Long.MAX_VALUE);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] piece : pieces) {
            sent.write(piece);
            chunks.addAll(upload.add(piece));
        }
        chunks.addAll(upload.finish());

        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            stored.write(chunks.get(i));
            if (i < chunks.size() - 1) {
                assertThat(chunks.get(i)).hasSize(chunkSize);
            } else {
                assertThat(chunks.get(i).length).isBetween(1, chunkSize);
            }
        }
        byte[] all = sent.toByteArray();
        assertThat(stored.toByteArray()).isEqualTo(all);
        assertThat(upload.size()).isEqualTo(all.length);
        assertThat(upload.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(all));
        assertThat(upload.head()).isEqualTo(Arrays.copyOf(all, Math.min(all.length, ChunkedUpload.HEAD_SIZE)));
    }
}
