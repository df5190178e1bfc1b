package org.lsmworkbook.sst;

import java.util.zip.CRC32C;

/**
 * The checksum of the SST format: CRC-32C (Castagnoli), as in {@link java.util.zip.CRC32C}.
 *
 * <p>CRC-32C detects every error burst of up to 32 bits, so every single damaged byte, and a JVM
 * computes it with a dedicated CPU instruction where there is one.
 */
final class Checksums {

    private Checksums() {
    }

    /** The CRC-32C of {@code length} bytes of {@code bytes} from {@code from}, as an {@code int}. */
    static int crc32c(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    /** How a checksum is shown in error messages: {@code 0x1a2b3c4d}. */
    static String hex(int checksum) {
        return String.format("0x%08x", checksum);
    }
}
