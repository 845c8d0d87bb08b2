"""The application shell: start-up, first run, login, the main window with its menus, settings and the built-in guide."""
