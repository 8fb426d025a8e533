"""Who may do what and what was done: users and roles, the audit log, and what is kept of
the people behind public posts.
"""
