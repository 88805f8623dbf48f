"""Payments: fees and bills paid through a gateway (VNPay 2.1.0), receipts, a local sandbox."""
