"""ML taggers: training, evaluation, loading, and the trained artifacts."""
