/** In-memory labelled data: the hand-over point between the {@code datasets} module and training. */
package dev.backproplab.core.data;
