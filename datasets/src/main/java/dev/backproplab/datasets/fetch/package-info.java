/**
 * Downloading registry data sets with verification: retries with backoff, mirror fallback, checksum
 * checks before anything is used, atomic renames (never a partial file under a final name), and safe
 * tar.gz extraction (entries that would land outside the target folder are refused).
 */
package dev.backproplab.datasets.fetch;
