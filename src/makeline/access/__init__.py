"""Who may do what (roles and capabilities), the audit trail of documents, and the API's
idempotency keys. Sits just below the web screens and the API, which both use it."""
