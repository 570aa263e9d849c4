/**
 * {@code bpl report}: the figures and tables of a results folder as one self-contained HTML page,
 * drawn by Chart.js in the browser from data read through the SQL views.
 */
package dev.backproplab.jobs.report;
