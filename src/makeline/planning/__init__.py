"""Planning: turns documents into the engine's inputs, stores the plan, replans incrementally."""
