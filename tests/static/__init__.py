"""Static verification: the options model, the generated text, and the writer."""
