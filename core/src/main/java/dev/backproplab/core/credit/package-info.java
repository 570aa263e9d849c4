/**
 * Credit-assignment rules: what error signal reaches each layer in the backward pass. {@link
 * dev.backproplab.core.credit.Backprop} is exact backpropagation; the variants that relax it plug in
 * through {@link dev.backproplab.core.credit.CreditAssignment}.
 */
package dev.backproplab.core.credit;
