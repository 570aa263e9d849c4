/**
 * The method catalogue: each method a sweep can name is one class that owns its parameter schema
 * ({@link dev.backproplab.core.method.ParamDef}), turns resolved parameters into a typed configuration
 * once ({@link dev.backproplab.core.method.Method#resolve}), states where its trials run ({@link
 * dev.backproplab.core.method.Placement}) and checks a model against itself. {@link
 * dev.backproplab.core.method.MethodCatalogue} registers them, one line each.
 */
package dev.backproplab.core.method;
