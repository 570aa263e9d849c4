package dev.backproplab.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {
  private static final String GOOD = "4,2,setosa,versicolor,virginica\n1.5,2,0\n3,4.25,1\n\n5,6,2\n7,8,1\n";

  private static CsvTable read(String text, CsvLayout layout) {
    return CsvReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "iris.csv", layout);
  }

  @Test
  void readsHeaderAndRows() {
    CsvTable t = read(GOOD, CsvLayout.withHeader());
    assertEquals(4, t.rows());
    assertEquals(2, t.features());
    assertEquals(3, t.numClasses());
    assertEquals(List.of("setosa", "versicolor", "virginica"), t.classNames());
    assertArrayEquals(new float[] {1.5f, 2, 3, 4.25f, 5, 6, 7, 8}, t.values());
    assertArrayEquals(new int[] {0, 1, 2, 1}, t.labels());
  }

  @Test
  void readsWithoutHeaderAndInfersClasses() {
    CsvTable t = read("0,16,1\r\n3,4,9\r\n", new CsvLayout(false, 2, -1, 0, 16));
    assertEquals(2, t.rows());
    assertEquals(10, t.numClasses());
    assertTrue(t.classNames().isEmpty());
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "4,2,a,b,c\\n1,2,0\\n3,4\\n5,6,2\\n7,8,1|line 3: found 2 values, expected 3 (2 features and a label)|too few",
      "4,2,a,b,c\\n1,2,0\\n3,x,1\\n5,6,2\\n7,8,1|line 3: column 2 was 'x', expected a finite number|not a number",
      "4,2,a,b,c\\n1,2,0\\n3,4,3\\n5,6,2\\n7,8,1|line 3: label (column 3) was 3, expected an integer class index 0..2|label range",
      "4,2,a,b,c\\n1,2,0\\n3,4,1.5\\n5,6,2\\n7,8,1|line 3: label (column 3) was 1.5, expected an integer class index 0..2|fractional label",
      "4,2,a,b,c\\n1,2,0\\n3,NaN,1\\n5,6,2\\n7,8,1|line 3: column 2 was 'NaN', expected a finite number|NaN",
      "x,2,a,b,c\\n1,2,0|line 1: header field n_samples was 'x', expected a positive integer|bad header",
      "2,2,a,b,c\\n1,2,0\\n3,4,1\\n5,6,2|line 4: more data rows than the 2 the header declares|too many rows",
  })
  void badRowsNameFileAndLine(String text, String expected, String what) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> read(text.replace("\\n", "\n"), CsvLayout.withHeader()));
    assertEquals("Invalid CSV file iris.csv, " + expected + ".", e.getMessage(), what);
  }

  @Test
  void fewerRowsThanDeclaredIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> read("5,2,a,b\n1,2,0\n3,4,1\n", CsvLayout.withHeader()));
    assertEquals("Invalid CSV file iris.csv: the header declares 5 data rows but 2 were found.", e.getMessage());
  }

  @Test
  void valueOutsideRangeIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> read("0,1,0\n0,17,1\n", new CsvLayout(false, 2, 10, 0, 16)));
    assertEquals("Invalid CSV file iris.csv, line 2: column 2 has value 17, expected a value in [0, 16].",
        e.getMessage());
  }

  @Test
  void wrongFeatureCountForLayoutIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> read("0,1,2,0\n", new CsvLayout(false, 64, 10, 0, 16)));
    assertTrue(e.getMessage().contains("line 1: found 4 values, expected 65 (64 features and a label)"),
        e.getMessage());
  }

  @Test
  void toleratesAByteOrderMark() {
    assertEquals(4, read("\uFEFF" + GOOD, CsvLayout.withHeader()).rows());
  }

  @Test
  void detectsHeader() {
    assertTrue(CsvReader.looksLikeHeader("150,4,setosa,versicolor,virginica"));
    assertFalse(CsvReader.looksLikeHeader("0,0,5,13,9,1,0"));
  }
}
