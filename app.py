"""Start the Kamerbrief-RAG chat app (Gradio) on 127.0.0.1:7860.

Set RAG_HOST / RAG_PORT to bind elsewhere, RAG_AUTH=user:password for a login,
RAG_STORE for another index. `make run` indexes the bundled letters first.
"""

from rag.app import launch

if __name__ == "__main__":
    launch()
