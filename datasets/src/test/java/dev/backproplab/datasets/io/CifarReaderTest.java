package dev.backproplab.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CifarReaderTest {

  @Test
  void readsLabelsAndPlanesInRecordOrder() {
    CifarBatch b = CifarReader.read(new ByteArrayInputStream(TestFiles.cifar(12)), "data_batch_1.bin");
    assertEquals(12, b.count());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, b.labels());
    int k = 11;
    int base = k * CifarReader.PIXELS;
    assertEquals(37, b.pixels()[base + 37] & 0xff, "red plane, pixel 37");
    assertEquals(100, b.pixels()[base + 1024 + 5] & 0xff, "green plane");
    assertEquals(k, b.pixels()[base + 2048 + 1023] & 0xff, "blue plane, last pixel");
  }

  @Test
  void lengthNotMultipleOfRecordIsRejected() {
    byte[] cut = Arrays.copyOf(TestFiles.cifar(2), 2 * CifarReader.RECORD - 1);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CifarReader.read(new ByteArrayInputStream(cut), "/d/test_batch.bin"));
    assertEquals("Invalid CIFAR-10 file /d/test_batch.bin: its length was 6145 bytes, expected a positive "
        + "multiple of 3073 (1 label byte + 3072 pixel bytes per image); the file is truncated or not a "
        + "CIFAR-10 binary batch.", e.getMessage());
  }

  @Test
  void emptyFileIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CifarReader.read(new ByteArrayInputStream(new byte[0]), "x.bin"));
    assertTrue(e.getMessage().contains("length was 0 bytes"), e.getMessage());
  }

  @Test
  void labelOutOfRangeIsRejected() {
    byte[] data = TestFiles.cifar(3);
    data[2 * CifarReader.RECORD] = 10;
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CifarReader.read(new ByteArrayInputStream(data), "x.bin"));
    assertTrue(e.getMessage().contains("record 2 (byte offset 6146) has label 10, expected 0..9"), e.getMessage());
  }
}
