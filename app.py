"""Start the Kamerbrief-RAG chat app (Gradio) on 127.0.0.1:7860.

Set RAG_HOST / RAG_PORT to bind elsewhere, RAG_AUTH=user:password for a login,
RAG_STORE for another index. `make run` indexes the bundled letters first.
"""

import threading

if __name__ == "__main__":
    # The model takes seconds to load; it loads while the interface is imported and built.
    from rag.embed import get_embedder

    threading.Thread(target=get_embedder, name="model", daemon=True).start()

from rag.app import launch  # noqa: E402 - after the model load has started

if __name__ == "__main__":
    launch()
